/**
 * What tests of real worker processes share: a private Redis, the fixture
 * site, a config pointed at it, and article pages that answer only when the
 * test lets them (to catch a worker with jobs in flight).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { configFor, ROOT, type ConfigCopy } from './config-copy.js';
import { startFixtureSite, type FixtureSite } from './fixture-site.js';
import { startTestRedis, type TestRedis } from './redis.js';

/** The fixture site's two article pages. */
export const ARTICLE_PATHS = ['/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html', '/thi-truong-vang-trong-nuoc-tang-manh-phien-dau-tuan.html'];

export interface CrawlWorld {
  redis: TestRedis;
  site: FixtureSite;
  config: ConfigCopy;
  /** The environment a bantin process gets to run against this world, its keys under `prefix`. */
  env(prefix: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** `edits` change the source file further, as configFor's do. */
export async function startCrawlWorld(edits: [string | RegExp, string][] = []): Promise<CrawlWorld> {
  const redis = await startTestRedis();
  const site = await startFixtureSite(path.join(ROOT, 'tests/fixtures/site'));
  // A worker that dies or is cut off keeps its fetch slots leased (45 s): room for the next worker's.
  const config = await configFor(site.origin, [[/concurrency: \d+/, 'concurrency: 4'], ...edits]);
  return {
    redis,
    site,
    config,
    env: (prefix, extra = {}) => ({
      ...process.env,
      ...redis.env,
      BANTIN_CONFIG: config.configDir,
      BANTIN_FEEDS: config.feedsDir,
      BANTIN_REDIS_PREFIX: prefix,
      BANTIN_ALLOW_PRIVATE_NETWORKS: '1',
      LOG_LEVEL: 'silent',
      ...extra,
    }),
    async close() {
      await site.close();
      await redis.stop();
      await config.remove();
    },
  };
}

/** Holds the article pages until `release()`; `inFlight()` counts the requests waiting. */
export function holdArticles(site: FixtureSite): { inFlight: () => number; release: () => void } {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let inFlight = 0;
  const held = async (req: IncomingMessage, res: ServerResponse, s: FixtureSite): Promise<void> => {
    inFlight++;
    await released;
    const url = new URL(req.url ?? '/', s.origin);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(await s.file(url.pathname.slice(1)));
  };
  for (const route of ARTICLE_PATHS) site.route(route, held);
  return { inFlight: () => inFlight, release: () => release() };
}
