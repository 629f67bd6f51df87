/**
 * Redis away under the ops API: the stores raise StoreUnavailableError
 * (not whatever ioredis threw), and an operator's request gets a 503
 * problem+json with Retry-After instead of a 500.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createOpsApi, createOpsService } from '../../src/ops/index.js';
import { createCrawlQueue } from '../../src/queue/index.js';
import { freePort } from '../../src/redis/server.js';
import { createCrawlStateStore, createProfileDriftStore, createRedisStore, StoreUnavailableError } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { NOW, startOpsHarness, TOKEN, type OpsHarness } from './harness.js';

let h: OpsHarness;
let gone: Redis;

beforeAll(async () => {
  h = await startOpsHarness();
  // A connection to a Redis that has gone (nothing listens on the port) and does not come back: every command fails at once.
  gone = new Redis(await freePort(), '127.0.0.1', { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
  gone.on('error', () => undefined);
});
afterAll(async () => {
  gone.disconnect();
  await h.stop();
});

it('raises StoreUnavailableError from both stores, and the ops API answers 503 with Retry-After', async () => {
  const store = createRedisStore({ redis: gone, prefix: 'ops', log: silentLogger() });
  const crawlState = createCrawlStateStore({ redis: gone, prefix: 'ops' });
  await expect(store.upsert(makeArticle(1))).rejects.toBeInstanceOf(StoreUnavailableError);
  await expect(store.count({ kind: 'all' })).rejects.toBeInstanceOf(StoreUnavailableError);
  await expect(crawlState.get('kinhtedothi')).rejects.toBeInstanceOf(StoreUnavailableError);
  await expect(crawlState.setPaused('kinhtedothi', true)).rejects.toThrow(/^crawl state setPaused failed: /);

  const queue = createCrawlQueue({ connection: gone, prefix: 'ops:q', clock: new ManualClock(NOW), log: silentLogger() });
  const ops = createOpsService({ sources: h.config.sources, crawlState, drift: createProfileDriftStore({ redis: gone, prefix: 'ops' }), store, queue, clock: new ManualClock(NOW) });
  const api = createOpsApi({ ops, token: TOKEN, log: silentLogger() });
  for (const [method, path] of [
    ['GET', '/sources'],
    ['POST', '/sources/kinhtedothi/pause'],
    ['GET', '/articles/0123456789abcdef'],
    ['GET', '/jobs'],
    ['GET', '/jobs/run__kinhtedothi__manual-1'],
    ['POST', '/sources/kinhtedothi/crawl'],
  ] as const) {
    const res = await api.request(path, { method, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status, path).toBe(503);
    expect(res.headers.get('retry-after'), path).toBe('10');
    expect(res.headers.get('content-type'), path).toBe('application/problem+json; charset=utf-8');
  }
});
