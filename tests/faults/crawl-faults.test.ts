/**
 * The fixture site made to misbehave on one article while a crawl runs:
 * each fault is recorded under its class, the bad page stores nothing,
 * the other article is stored anyway, and the next good run recovers it.
 */
import type http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type SourceConfig } from '../../src/config/index.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createFetcher, type Fetcher } from '../../src/fetch/index.js';
import { createMetrics } from '../../src/metrics/index.js';
import { instrumentFetcher } from '../../src/roles/fetch-metrics.js';
import { runSource } from '../../src/roles/crawl-runner.js';
import { createCrawlStateStore, createRedisStore, type ArticleStore, type CrawlStateStore } from '../../src/store/index.js';
import { configFor, ROOT, type ConfigCopy } from '../support/config-copy.js';
import { startFixtureSite, type FixtureSite, type Handler } from '../support/fixture-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const SEED = '/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html';
const OTHER = '/thi-truong-vang-trong-nuoc-tang-manh-phien-dau-tuan.html';
const MiB = 1024 * 1024;

let redis: TestRedis;
let site: FixtureSite;
let config: ConfigCopy;
let source: SourceConfig;
let store: ArticleStore;
let crawlState: CrawlStateStore;
let fetcher: Fetcher;
// After the newest fixture article (23 November 2026): a page dated in the future is no article.
const clock = new ManualClock(Date.parse('2026-11-24T08:00:00+07:00'));
const metrics = createMetrics();

beforeAll(async () => {
  redis = await startTestRedis();
  site = await startFixtureSite(path.join(ROOT, 'tests/fixtures/site'));
  config = await configFor(site.origin);
  const loaded = await loadConfig({ configDir: config.configDir, feedsDir: config.feedsDir });
  source = loaded.sources.find((s) => s.id === 'kinhtedothi') as SourceConfig;
  const client = redis.client();
  store = createRedisStore({ redis: client, prefix: 'f', log: silentLogger() });
  crawlState = createCrawlStateStore({ redis: client, prefix: 'f' });
  const raw = createFetcher({
    redis: client,
    prefix: 'f',
    clock,
    log: silentLogger(),
    userAgent: 'bantin-test',
    allowPrivateNetworks: true,
    politeness: () => ({ minIntervalMs: 0, concurrency: 4 }),
    timeouts: { connectMs: 500, totalMs: 400 },
    retries: 0,
    maxWaitMs: 1_000,
    sleep: async () => undefined,
  });
  fetcher = instrumentFetcher(raw, metrics, clock);
});
afterAll(async () => {
  await fetcher.close();
  await site.close();
  await redis.stop();
  await config.remove();
});
beforeEach(async () => {
  site.reset();
  await redis.flush();
});

const crawl = (jobId: string) => runSource(source, jobId, { fetcher, store, clock, log: silentLogger(), crawlState, metrics });

const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(code, { 'content-type': 'text/html', ...headers });
    res.end('<html><body>no</body></html>');
  };

const resetMidBody: Handler = (req, res) => {
  res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' });
  res.write('<html><head><title>x</title></head><body>');
  setTimeout(() => req.socket.destroy(), 20);
};

const huge: Handler = (_req, res: http.ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  res.on('error', () => undefined);
  const pump = (): void => {
    while (sent < 20 * MiB && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
};

const truncated: Handler = async (_req, res, s) => {
  const html = await s.file(SEED.slice(1));
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html.slice(0, html.indexOf('<h1')));
};

const robotsDenyingSeed: [string, Handler] = [
  '/robots.txt',
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`User-agent: *\nDisallow: ${SEED}\n`);
  },
];

describe('a crawl with one misbehaving article', () => {
  it.each<[string, string, [string, Handler]]>([
    ['a page slower than the timeout', 'timeout', [SEED, () => undefined]],
    ['a 500', 'http-5xx', [SEED, status(500)]],
    ['a 429 with Retry-After', 'rate-limited', [SEED, status(429, { 'retry-after': '3600' })]],
    ['a connection reset mid-body', 'reset', [SEED, resetMidBody]],
    ['a 20 MiB page', 'too-large', [SEED, huge]],
    ['a redirect loop', 'redirect-loop', [SEED, status(302, { location: SEED })]],
    ['a non-HTML body', 'not-html', [SEED, status(200, { 'content-type': 'application/pdf' })]],
    ['a truncated HTML page', 'not-an-article', [SEED, truncated]],
    ['robots.txt disallowing it', 'robots-denied', robotsDenyingSeed],
  ])('%s is recorded as %s, stores nothing, and the next good run recovers', async (_what, failure, [p, handler]) => {
    site.route(p, handler);
    const first = await crawl('j1');
    if (first.kind !== 'ran') throw new Error('expected a run');
    expect(first.report.failures).toEqual({ [failure]: 1 });
    expect(first.report.status).toBe('partial');
    expect(first.report.new).toBe(1);
    const stored = await store.list({ streams: [{ kind: 'all' }], limit: 10 });
    expect(stored.map((a) => new URL(a.url).pathname)).toEqual([OTHER]);
    expect((await crawlState.get('kinhtedothi')).lastRun?.counts.failed).toBe(1);

    site.reset();
    // robots.txt is cached for a day; the operator's fix is seen once the cached copy goes.
    await redis.client().del(`f:robots:${site.origin}`);
    // A 429 holds the host: the next run comes after the hold, as a scheduler's would.
    clock.advance(2 * 3600_000);
    const second = await crawl('j2');
    if (second.kind !== 'ran') throw new Error('expected a run');
    expect(second.report.failed).toBe(0);
    expect(second.report.new).toBe(1);
    const after = (await store.list({ streams: [{ kind: 'all' }], limit: 10 })).map((a) => new URL(a.url).pathname).sort();
    expect(after).toEqual([SEED, OTHER].sort());
  });

  it('an RSS feed with zero items falls back to the listings and counts no failure', async () => {
    const run = await crawl('j');
    if (run.kind !== 'ran') throw new Error('expected a run');
    expect(run.report.failures).toEqual({});
    expect(run.report.new).toBe(2);
  });

  it('a site that is down fails the run with the class, and the state backs the source off', async () => {
    site.route('/rss/home.rss', status(503));
    for (const l of source.discovery.listings) site.route(new URL(l, site.origin).pathname, status(503));
    const run = await crawl('j');
    if (run.kind !== 'ran') throw new Error('expected a run');
    expect(run.report.status).toBe('failed');
    expect(Object.keys(run.report.failures)).toEqual(['http-5xx']);
    const state = await crawlState.get('kinhtedothi');
    expect(state.consecutiveFailures).toBe(1);
    expect(state.backoffUntil).toBe(clock.now() + 5 * 60_000);
    expect(await store.count({ kind: 'all' })).toBe(0);
  });

  it('counts every fetch by outcome class in the metrics', async () => {
    const text = await metrics.text();
    expect(text).toMatch(/bantin_fetches_total\{source="kinhtedothi",host="127\.0\.0\.1:\d+",outcome="redirect-loop"\} 1/);
    expect(text).toMatch(/bantin_fetches_total\{source="kinhtedothi",host="127\.0\.0\.1:\d+",outcome="ok"\} \d+/);
    expect(text).toMatch(/bantin_fetch_duration_seconds_count\{source="kinhtedothi",outcome="timeout"\} 1/);
    expect(text).toMatch(/bantin_articles_total\{source="kinhtedothi",outcome="new"\} \d+/);
  });
});
