/**
 * `bantin store migrate` (src/store/store-migrate.ts): old-layout records
 * rewritten in the compact one, the same records read back, indexes as they
 * were; resumable after an interruption, and a no-op once done.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { masterNodes, topologyOf, type RedisClient } from '../../src/redis/client.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article.js';
import { silentLogger } from '../../src/core/log.js';
import { createRedisStore, keys, migrateStore, type ArticleStore } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { layout2Record } from '../support/record-layout-2.js';
import { bantin } from '../support/cli.js';
import { ROOT } from '../support/config-copy.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let client: RedisClient;
let store: ArticleStore;
const prefix = 'bt';
const k = keys(prefix);

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
  store = createRedisStore({ redis: client, prefix, log: silentLogger() });
});
afterAll(async () => redis.stop());
beforeEach(async () => redis.flush());

/**
 * `n` articles through the store, then put back as earlier versions stored them: every other one as its JSON
 * (record layout 1), every fourth of the rest in record layout 2.
 */
async function mixedStore(n: number): Promise<Article[]> {
  const out: Article[] = [];
  for (let i = 1; i <= n; i++) {
    const a = makeArticle(i, i % 3 === 0 ? { topics: ['ha-noi', 'kinh-te'], category: { name: 'Kinh tế', slug: 'kinh-te' } } : {});
    await store.upsert(a);
    if (i % 2 === 0) await client.set(k.article(a.id), JSON.stringify(a));
    else if (i % 4 === 1) await client.set(k.article(a.id), layout2Record(a));
    out.push(a);
  }
  return out;
}

/** A store as store layout 2 left it: records in record layout 2, URL sets (canonical URL included) under their layout-2 key. */
async function layout2Store(n: number): Promise<Article[]> {
  const out: Article[] = [];
  for (let i = 1; i <= n; i++) {
    const a = makeArticle(i);
    await store.upsert(a, { aliases: [`${a.url}?amp=1`] });
    await client.set(k.article(a.id), layout2Record(a));
    await client.sadd(k.legacyArticleUrls(a.id), a.url, ...(await client.smembers(k.articleUrls(a.id))));
    await client.del(k.articleUrls(a.id));
    out.push(a);
  }
  await client.set(k.storeLayout, '2');
  return out;
}

/** Each record's layout (record-codec.ts): 3 or 2 by its first byte, 1 for JSON. */
async function layouts(articles: Article[]): Promise<number[]> {
  const values = await Promise.all(articles.map((a) => client.getBuffer(k.article(a.id))));
  return values.map((v) => (v?.[0] === 3 ? 3 : v?.[0] === 2 ? 2 : 1));
}

/** Every index key, from each master (a cluster spreads them). */
async function indexKeys(): Promise<string[]> {
  const found = await Promise.all(masterNodes(client).map((node) => node.keys(`${prefix}:idx:*`)));
  return found.flat().sort();
}

async function indexSnapshot(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const key of await indexKeys()) out[key] = await client.zrange(key, '0', '-1', 'WITHSCORES');
  out.urls = Object.entries(await client.hgetall(k.urls)).flat().sort();
  return out;
}

describe('store migrate', () => {
  it('rewrites every record of record layout 1 or 2 in layout 3, reads the same records back, leaves indexes as they were', async () => {
    const articles = await mixedStore(120);
    const before = await indexSnapshot();
    const outcome = await migrateStore({ redis: client, prefix, batch: 25 });
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(outcome.progress.rewritten).toBe(90);
    expect(outcome.progress.scanned).toBeGreaterThanOrEqual(120);
    expect(await layouts(articles)).toEqual(articles.map(() => 3));
    for (const a of articles) expect(JSON.stringify(await store.get(a.id))).toBe(JSON.stringify(a));
    expect(await indexSnapshot()).toEqual(before);
    expect(await client.get(k.storeLayout)).toBe('4');
    expect(await client.exists(k.storeMigrate)).toBe(0);
    // Again: nothing to do, and nothing read.
    expect(await migrateStore({ redis: client, prefix })).toEqual({ status: 'already', layout: 4 });
  });

  it('goes on from its last batch after an interruption, also when a crash lost the last cursor it saved', async () => {
    const articles = await mixedStore(150);
    const first = await migrateStore({ redis: client, prefix, batch: 20, stop: () => true });
    expect(first.status).toBe('interrupted');
    const saved = await client.hgetall(k.storeMigrate);
    expect(saved.cursor).not.toBe('0');
    expect(Number(saved.rewritten)).toBeGreaterThan(0);
    expect(await client.get(k.storeLayout)).toBeNull();
    expect((await layouts(articles)).filter((l) => l === 1).length).toBeGreaterThan(0);
    // One more batch, then the state as a crash before its save would have left it: that batch is done again.
    const second = await migrateStore({ redis: client, prefix, batch: 20, stop: () => true });
    const lost = second.status === 'interrupted' ? second.progress.rewritten - Number(saved.rewritten) : 0;
    await client.del(k.storeMigrate);
    await client.hset(k.storeMigrate, saved);
    // Old records are still read meanwhile.
    expect((await store.list({ streams: [{ kind: 'all' }], limit: 200 })).length).toBe(150);
    const rest = await migrateStore({ redis: client, prefix, batch: 20 });
    expect(rest).toMatchObject({ status: 'done', resumed: true });
    if (rest.status !== 'done') return;
    // The batch done twice rewrote nothing twice: only what the lost save had counted is missing from the count.
    expect(rest.progress.rewritten).toBe(113 - lost);
    expect(await layouts(articles)).toEqual(articles.map(() => 3));
    for (const a of articles) expect(await store.get(a.id)).toEqual(a);
  });

  it('leaves a record changed since it was read to the upsert that changed it, and an unreadable one as it is', async () => {
    const [a, b] = await mixedStore(2);
    await client.set(k.article((a as Article).id), '{"id":"broken"}');
    const outcome = await migrateStore({ redis: client, prefix, onCorrupt: () => undefined });
    expect(outcome).toMatchObject({ status: 'done', progress: { rewritten: 1, corrupt: 1 } });
    expect(await client.get(k.article((a as Article).id))).toBe('{"id":"broken"}');
    expect(await store.get((b as Article).id)).toEqual(b);
  });

  it('keeps a record from before stories one: its bands are still written on its next store', async () => {
    // A text long enough to have bands (story-fingerprint.ts).
    const seed = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/records/kinhtedothi-2019-01-18.json'), 'utf8')) as Article;
    const a = makeArticle(1, { lead: seed.lead, contentText: seed.contentText, contentHtml: seed.contentHtml });
    const { storyId: _none, ...old } = a;
    await client.set(k.article(a.id), JSON.stringify(old));
    await client.zadd(k.index({ kind: 'all' }), Date.parse(a.publishedAt), a.id);
    await migrateStore({ redis: client, prefix });
    expect((await client.getBuffer(k.article(a.id)))?.[0]).toBe(3);
    expect(await client.get(k.storyCount)).toBeNull();
    expect(await store.upsert(a)).toBe('unchanged');
    expect(await client.get(k.storyCount)).toBe('1');
  });

  it('moves URL sets kept under their layout-2 key into their record\'s slot; before that, a remove still forgets their URLs', async () => {
    const articles = Array.from({ length: 30 }, (_, i) => makeArticle(i + 1));
    for (const a of articles) await store.upsert(a, { aliases: [`${a.url}?amp=1`] });
    // The store as layout 2 left it: every record compact, every URL set under its old key (on a cluster, in
    // another slot than the record's: a copy, as no RENAME crosses slots).
    for (const a of articles) {
      // Then a set held the canonical URL too.
      await client.sadd(k.legacyArticleUrls(a.id), a.url, ...(await client.smembers(k.articleUrls(a.id))));
      await client.del(k.articleUrls(a.id));
    }
    await client.set(k.storeLayout, '2');
    const [gone, updated, ...rest] = articles as [Article, Article, ...Article[]];
    // Only a single Redis can hold such a store in use (the version that wrote it could not run on a cluster): it
    // is still read there until migrated.
    if (topologyOf(client) === 'single') {
      const older = createRedisStore({ redis: client, prefix, log: silentLogger() });
      expect(await older.remove(gone.id)).toBe(true);
      expect(await older.hasUrl(`${gone.url}?amp=1`)).toBe(false);
      // An upsert takes its old set along.
      await older.upsert({ ...updated, title: `${updated.title} (sửa)` }, { aliases: [`${updated.url}?m=1`] });
      // Every URL but the canonical one, which the record's header has.
      expect((await client.smembers(k.articleUrls(updated.id))).sort()).toEqual([`${updated.url}?amp=1`, `${updated.url}?m=1`].sort());
    }
    const outcome = await migrateStore({ redis: client, prefix, batch: 7 });
    expect(outcome).toMatchObject({ status: 'done', progress: { moved: topologyOf(client) === 'single' ? 28 : 30, rewritten: 0 } });
    expect(await client.get(k.storeLayout)).toBe('4');
    for (const a of rest) {
      expect(await client.exists(k.legacyArticleUrls(a.id))).toBe(0);
      // The canonical URL is left to the record's header.
      expect(await client.smembers(k.articleUrls(a.id))).toEqual([`${a.url}?amp=1`]);
    }
    const last = rest.at(-1) as Article;
    expect(await store.remove(last.id)).toBe(true);
    expect(await store.hasUrl(`${last.url}?amp=1`)).toBe(false);
    expect(await store.hasUrl(last.url)).toBe(false);
  });

  it('counts an unreadable record beside a layout-2 URL set as corrupt and goes on, whether its header or its body is what does not read', async () => {
    const articles = await layout2Store(3);
    const [broken, cut, fine] = articles as [Article, Article, Article];
    await client.set(k.article(broken.id), '{"id":"broken"}');
    const v = layout2Record(cut);
    await client.set(k.article(cut.id), Buffer.concat([v.subarray(0, v.indexOf(0x0a) + 1), Buffer.from('not deflate')]));
    const outcome = await migrateStore({ redis: client, prefix, onCorrupt: () => undefined });
    expect(outcome).toMatchObject({ status: 'done', progress: { corrupt: 2, rewritten: 1, moved: 3 } });
    expect(await store.get(fine.id)).toEqual(fine);
    expect(await client.smembers(k.articleUrls(fine.id))).toEqual([`${fine.url}?amp=1`]);
  });

  it('starts over rather than go on from a migration an earlier version began (its state names no target layout)', async () => {
    const articles = await layout2Store(60);
    // Where the earlier version stopped: one SCAN batch in, its state saved without the layout it was going to.
    const [cursor] = await client.scan('0', 'MATCH', `${prefix}:article*`, 'COUNT', 20);
    await client.hset(k.storeMigrate, { cursor, node: 0, scanned: 20, rewritten: 20, moved: 20, corrupt: 0 });
    const outcome = await migrateStore({ redis: client, prefix, batch: 20 });
    expect(outcome).toMatchObject({ status: 'done', resumed: false, progress: { rewritten: 60 } });
    expect(await layouts(articles)).toEqual(articles.map(() => 3));
  });

  it('from store layout 3, takes the canonical URL out of every URL set, also of a record already in record layout 3', async () => {
    const articles = Array.from({ length: 6 }, (_, i) => makeArticle(i + 1));
    for (const a of articles) {
      await store.upsert(a, { aliases: [`${a.url}?amp=1`] });
      // As store layout 3 left it: records in record layout 2, each URL set in its record's slot, the canonical URL in it.
      await client.set(k.article(a.id), layout2Record(a));
      await client.sadd(k.articleUrls(a.id), a.url);
    }
    // One record a retention trim wrote in record layout 3 since.
    const trimmed = articles[0] as Article;
    await store.upsert({ ...trimmed, contentHash: 'e'.repeat(64) });
    await client.sadd(k.articleUrls(trimmed.id), trimmed.url);
    await client.set(k.storeLayout, '3');
    expect(await migrateStore({ redis: client, prefix })).toMatchObject({ status: 'done', progress: { rewritten: 5 } });
    for (const a of articles) expect(await client.smembers(k.articleUrls(a.id)), a.id).toEqual([`${a.url}?amp=1`]);
  });

  it('bantin store migrate: a progress line and a summary, then "nothing to do"', async () => {
    await mixedStore(10);
    const env = { ...redis.env, BANTIN_REDIS_PREFIX: prefix };
    const run = await bantin(['store', 'migrate', '--batch', '4'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/store migrate: \[#+\.*\] \d+\/\d+ {2}rewritten \d+ {2}URL sets moved \d+/);
    expect(run.stdout).toContain('store migrate: done: 10 records looked at, 8 rewritten, 0 URL sets moved; the store is in layout 4');
    const again = await bantin(['store', 'migrate'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('nothing to do');
  }, 60_000);
});
