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

it('keeps no URL set for an article known by its canonical URL alone, and still knows and forgets every URL it had', async () => {
  await redis.flush();
  const client = redis.client();
  const k = keys(prefix);
  const store = createRedisStore({ redis: client, prefix, log: silentLogger() });
  const plain = makeArticle(1);
  const moved = makeArticle(2);
  expect(await store.upsert(plain)).toBe('new');
  expect(await store.upsert(moved, { aliases: [`${moved.url}?amp=1`] })).toBe('new');
  // The record's header holds the canonical URL: a set key per article would cost about 0.25 KB each.
  expect(await client.exists(k.articleUrls(plain.id))).toBe(0);
  expect(await client.smembers(k.articleUrls(moved.id))).toEqual([`${moved.url}?amp=1`]);
  // A new canonical URL: the old one stays the article's.
  const newUrl = moved.url.replace('.html', '-cap-nhat.html');
  expect(await store.upsert({ ...moved, url: newUrl, contentHash: 'e'.repeat(64) })).toBe('updated');
  for (const u of [moved.url, `${moved.url}?amp=1`, newUrl]) expect(await store.hasUrl(u), u).toBe(true);
  expect(await store.remove(moved.id)).toBe(true);
  expect(await store.remove(plain.id)).toBe(true);
  for (const u of [moved.url, `${moved.url}?amp=1`, newUrl, plain.url]) expect(await store.hasUrl(u), u).toBe(false);
  expect(await client.hlen(k.urls)).toBe(0);
});
