/**
 * Discovery tests run the real fetcher against the fixture site under
 * tests/fixtures/discover, with a private redis-server.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import type { RedisClient } from '../../src/redis/client.js';
import { sourceFileSchema, type SourceFile } from '../../src/config/source-schema.js';
import type { SourceConfig } from '../../src/config/index.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createFetcher, type Fetcher } from '../../src/fetch/index.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { FIXTURES } from '../fetch/harness.js';

export { FIXTURES };

type DiscoveryInput = Partial<Omit<SourceFile['discovery'], 'events'>> & { events?: Partial<SourceFile['discovery']['events']> };

/** A Kinhtedothi-like source pointed at `origin`, URLs resolved as the config loader does. */
export function sourceAt(origin: string, discovery: DiscoveryInput, id = 'kinhtedothi'): SourceConfig {
  const parsed = sourceFileSchema.parse({
    id,
    name: 'Kinh tế & Đô thị',
    baseUrl: origin,
    schedule: { cron: '*/15 * * * *' },
    discovery: { feeds: [], listings: [], sitemaps: [], ...discovery },
    profile: {
      listing: {
        links: ['.pkg li > .info_cate > a', 'ul.list_news_topcate a', '.story__title a'],
        next: ['.paging a.active + a'],
      },
      articleUrl: '\\.html$',
      nonArticleUrls: ['^/su-kien/', '^/tag/'],
    },
  });
  const resolve = (ref: string): string => new URL(ref, `${origin}/`).toString();
  return {
    ...parsed,
    discovery: {
      ...parsed.discovery,
      feeds: parsed.discovery.feeds.map(resolve),
      listings: parsed.discovery.listings.map(resolve),
      sitemaps: parsed.discovery.sitemaps.map(resolve),
    },
    file: 'test.yaml',
  };
}

export interface DiscoverHarness {
  site: FixtureSite;
  redis: TestRedis;
  client: RedisClient;
  fetcher: Fetcher;
  /** Paths the site was asked for, robots.txt left out. */
  paths(): string[];
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** The old-month sitemap is served gzipped, as big sites do. */
export async function serveGzippedSitemap(site: FixtureSite): Promise<void> {
  const xml = (await readFile(path.join(FIXTURES, 'sitemaps', '2019-01.xml'), 'utf8')).replaceAll('{{BASE}}', site.origin);
  const gz = zlib.gzipSync(Buffer.from(xml));
  site.route('/sitemaps/2019-01.xml.gz', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-gzip' });
    res.end(gz);
  });
}

export async function startDiscoverHarness(): Promise<DiscoverHarness> {
  const redis = await startTestRedis();
  const client = redis.client();
  const site = await startFixtureSite(FIXTURES);
  const fetcher = createFetcher({
    redis: client,
    prefix: 'bt',
    clock: new ManualClock(Date.parse('2026-03-02T08:00:00+07:00')),
    log: silentLogger(),
    userAgent: 'bantin/0.1.0 (+https://example.org/bantin)',
    allowPrivateNetworks: true,
    politeness: () => ({ minIntervalMs: 0, concurrency: 4 }),
    timeouts: { connectMs: 2_000, totalMs: 5_000 },
    retries: 0,
    sleep: async () => undefined,
  });
  return {
    site,
    redis,
    client,
    fetcher,
    paths: () => site.requests.map((r) => r.path).filter((p) => p !== '/robots.txt'),
    async reset() {
      site.reset();
      await redis.flush();
    },
    async stop() {
      await fetcher.close();
      await site.close();
      await redis.stop();
    },
  };
}
