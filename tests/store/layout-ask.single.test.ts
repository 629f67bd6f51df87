/**
 * The store asks once whether a single Redis may still hold URL sets under their old key (store layout; a
 * cluster never does, so it never asks there and this file runs on a single Redis only):
 * an answer that failed (Redis blinked as the worker started) must not be kept, or every later upsert and
 * remove of that process would fail with it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/log.js';
import type { RedisClient } from '../../src/redis/client.js';
import { createRedisStore } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { intercept } from '../support/intercept.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis.stop());

/** The client, but its first GET fails as a dropped connection would. */
function failingFirstGet(client: RedisClient): RedisClient {
  let failed = false;
  return intercept(client, 'get', (get) =>
    ((...args: Parameters<typeof get>) => {
      if (failed) return get(...args);
      failed = true;
      return Promise.reject(new Error('Connection is closed.'));
    }) as typeof get,
  );
}

it('asks again after a failed answer: only the upsert that asked fails', async () => {
  await redis.flush();
  const store = createRedisStore({ redis: failingFirstGet(redis.client()), prefix: 'la', log: silentLogger() });
  await expect(store.upsert(makeArticle(1))).rejects.toThrow();
  expect(await store.upsert(makeArticle(2))).toBe('new');
  expect(await store.upsert(makeArticle(1))).toBe('new');
  expect(await store.remove(makeArticle(2).id)).toBe(true);
  expect((await store.list({ streams: [{ kind: 'all' }], limit: 10 })).map((a) => a.id)).toEqual([makeArticle(1).id]);
});
