/**
 * The ops service and API over a private redis-server, with a ManualClock
 * and the shipped config (one source, kinhtedothi).
 */
import path from 'node:path';
import type { Hono } from 'hono';
import { loadConfig, type AppConfig } from '../../src/config/index.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createOpsApi, createOpsService, type OpsService } from '../../src/ops/index.js';
import { createCrawlQueue, type CrawlQueue } from '../../src/queue/index.js';
import { createCrawlStateStore, createProfileDriftStore, createRedisStore, type ArticleStore, type CrawlStateStore } from '../../src/store/index.js';
import { keys } from '../../src/store/keys.js';
import { ROOT } from '../support/config-copy.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

export const TOKEN = 'ops-test-token';
export const PREFIX = 'opstest';
/** Monday 2 March 2026, 08:07:30 in Hà Nội. */
export const NOW = Date.parse('2026-03-02T08:07:30+07:00');

export interface OpsHarness {
  redis: TestRedis;
  config: AppConfig;
  clock: ManualClock;
  store: ArticleStore;
  crawlState: CrawlStateStore;
  queue: CrawlQueue;
  ops: OpsService;
  api: Hono;
  /** A request to the API with the admin token. */
  call(method: string, path: string): Promise<Response>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOpsHarness(): Promise<OpsHarness> {
  const redis = await startTestRedis();
  const config = await loadConfig({ configDir: path.join(ROOT, 'config'), feedsDir: path.join(ROOT, 'feeds') });
  const clock = new ManualClock(NOW);
  const client = redis.client();
  const store = createRedisStore({ redis: client, prefix: PREFIX, log: silentLogger() });
  const crawlState = createCrawlStateStore({ redis: client, prefix: PREFIX, clock });
  const queue = createCrawlQueue({ connection: redis.client(), prefix: keys(PREFIX).queuePrefix, clock, log: silentLogger() });
  const ops = createOpsService({ sources: config.sources, crawlState, drift: createProfileDriftStore({ redis: client, prefix: PREFIX }), store, queue, clock });
  const api = createOpsApi({ ops, token: TOKEN, log: silentLogger() });
  return {
    redis,
    config,
    clock,
    store,
    crawlState,
    queue,
    ops,
    api,
    call: async (method, p) => api.request(p, { method, headers: { authorization: `Bearer ${TOKEN}` } }),
    async reset() {
      clock.set(NOW);
      await redis.flush();
    },
    async stop() {
      await queue.close();
      await redis.stop();
    },
  };
}
