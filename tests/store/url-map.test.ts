/**
 * The URL map must name every stored article's canonical URL, or discovery fetches it again on every run.
 * A remove racing an earlier upsert of the same article can forget it (settle.ts); the next upsert, even
 * one that changes nothing, maps it again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/log.js';
import { createRedisStore, keys } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const prefix = 'um';
let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis.stop());

it('maps a lost canonical URL again on the next upsert that changes nothing', async () => {
  await redis.flush();
  const client = redis.client();
  const store = createRedisStore({ redis: client, prefix, log: silentLogger() });
  const a = makeArticle(1);
  expect(await store.upsert(a)).toBe('new');
  await client.hdel(keys(prefix).urls, a.url);
  expect(await store.hasUrl(a.url)).toBe(false);
  expect(await store.upsert(a)).toBe('unchanged');
  expect(await store.hasUrl(a.url)).toBe(true);
});
