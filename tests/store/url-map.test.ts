/**
 * The URL map must name every stored article's canonical URL, or discovery fetches it again on every run.
 * A remove racing an earlier upsert of the same article can forget it (settle.ts); the next upsert, even
 * one that changes nothing, maps it again.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/log.js';
import { createRedisStore, keys } from '../../src/store/index.js';
import { checkStore } from '../../src/store/store-check.js';
import { REMOVE_SCRIPT } from '../../src/store/upsert-script.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const prefix = 'um';
let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis.stop());

/** Each test's own empty store, its client and its keys. */
async function freshStore() {
  await redis.flush();
  const client = redis.client();
  const log = silentLogger();
  return { client, log, k: keys(prefix), store: createRedisStore({ redis: client, prefix, log }) };
}

it('maps a lost canonical URL again on the next upsert that changes nothing', async () => {
  const { client, k, store } = await freshStore();
  const a = makeArticle(1);
  expect(await store.upsert(a)).toBe('new');
  await client.hdel(k.urls, a.url);
  expect(await store.hasUrl(a.url)).toBe(false);
  expect(await store.upsert(a)).toBe('unchanged');
  expect(await store.hasUrl(a.url)).toBe(true);
});

it('keeps no URL set for an article known by its canonical URL alone, and still knows and forgets every URL it had', async () => {
  const { client, k, store } = await freshStore();
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

it('forgets every URL an article had after its canonical URL changed back and forth, also when a remove died after its first step', async () => {
  const { client, k, log, store } = await freshStore();
  const urlMap = async () => Object.keys(await client.hgetall(k.urls)).sort();
  const a = makeArticle(1);
  const b = makeArticle(2);
  const moved = a.url.replace('.html', '-2.html');
  await store.upsert(a, { aliases: [`${a.url}?amp=1`] });
  await store.upsert({ ...a, url: moved, contentHash: 'e'.repeat(64) }, { aliases: [a.url] });
  await store.upsert({ ...a, contentHash: 'd'.repeat(64) });
  await store.upsert({ ...a, url: moved, contentHash: 'c'.repeat(64) });
  expect(await urlMap()).toEqual([a.url, `${a.url}?amp=1`, moved].sort());
  expect(await store.remove(a.id)).toBe(true);
  expect(await urlMap()).toEqual([]);
  // A remove that died after its first step: its marker holds every URL, the header's too, for the repair.
  await store.upsert(b, { aliases: [`${b.url}?amp=1`] });
  await client.eval(REMOVE_SCRIPT, 3, k.article(b.id), k.articleUrls(b.id), k.articlePending(b.id), randomUUID());
  await checkStore({ redis: client, prefix, log, repair: true });
  expect(await urlMap()).toEqual([]);
});

it('overwrites and removes a stored record whose header has no URL or does not read, rather than failing on it for good', async () => {
  const { client, k, store } = await freshStore();
  const a = makeArticle(1);
  await store.upsert(a);
  const { url: _url, ...noUrl } = a;
  await client.set(k.article(a.id), JSON.stringify(noUrl));
  expect(await store.upsert({ ...a, contentHash: 'e'.repeat(64) })).toBe('updated');
  expect(await store.get(a.id)).toMatchObject({ id: a.id, url: a.url });
  const stored = (await client.getBuffer(k.article(a.id))) as Buffer;
  await client.set(k.article(a.id), Buffer.concat([stored.subarray(0, 1), Buffer.from('{not json'), stored.subarray(stored.indexOf(0x0a))]));
  expect(await store.remove(a.id)).toBe(true);
  expect(await store.get(a.id)).toBeNull();
});
