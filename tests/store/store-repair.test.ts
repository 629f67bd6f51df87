/**
 * A writer that dies between its steps (src/store/settle.ts): the record is
 * written, its index steps are not. What a reader sees meanwhile, how the
 * article's next upsert finishes the job, and how `bantin store check
 * [--repair]` finds and puts right what was left, on a single Redis and on
 * a cluster (BANTIN_TEST_TOPOLOGY).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article.js';
import { silentLogger } from '../../src/core/log.js';
import type { RedisClient } from '../../src/redis/client.js';
import { createRedisStore, keys, type ArticleStore } from '../../src/store/index.js';
import { checkStore } from '../../src/store/store-check.js';
import { planUpsert } from '../../src/store/upsert-command.js';
import { REMOVE_SCRIPT } from '../../src/store/upsert-script.js';
import { makeArticle } from '../support/articles.js';
import { copyOf, SEED } from '../support/story-copies.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let client: RedisClient;
let store: ArticleStore;
const prefix = 'bt';
const k = keys(prefix);
const log = silentLogger();

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
  store = createRedisStore({ redis: client, prefix, log });
});
afterAll(async () => redis.stop());
beforeEach(async () => redis.flush());

/** Step 1 of an upsert alone, as a writer killed right after it leaves the store. */
async function writeOnly(article: Article, aliases: string[] = []): Promise<void> {
  const [name, ...args] = planUpsert(k, article, aliases, false).write;
  await client.call(name, args);
}

/** Step 1 of a remove alone. */
async function removeOnly(id: string): Promise<void> {
  await client.eval(REMOVE_SCRIPT, 3, k.article(id), k.articleUrls(id), k.articlePending(id), randomUUID());
}

const ids = async (slug: string): Promise<string[]> => (await store.list({ streams: [{ kind: 'topic', slug }], limit: 20 })).map((a) => a.id);
const clean = { pending: 0, unindexed: 0, strayEntries: 0, danglingUrls: 0, corrupt: 0 };

/** An article moved from topic ha-noi to kinh-te by a writer that died after its first step. */
async function interruptedMove(): Promise<{ before: Article; after: Article }> {
  const before = makeArticle(1);
  await store.upsert(before);
  const after = makeArticle(1, { topics: ['kinh-te'], contentHash: 'e'.repeat(64), title: 'Tiêu đề mới' });
  await writeOnly(after, [`${after.url}?amp=1`]);
  return { before, after };
}

describe('a writer killed between its steps', () => {
  it('leaves a marker; readers see the record, never it in a topic it has left; the next upsert of it finishes the job', async () => {
    const { after } = await interruptedMove();
    expect(await client.exists(k.articlePending(after.id))).toBe(1);
    expect(await store.get(after.id)).toEqual(after);
    // The old topic's index still names it, but a list reads the record and leaves it out; the new one has it not yet.
    expect(await client.zscore(k.index({ kind: 'topic', slug: 'ha-noi' }), after.id)).not.toBeNull();
    expect(await ids('ha-noi')).toEqual([]);
    expect(await ids('kinh-te')).toEqual([]);
    // The same record again is not "unchanged" while steps are owed.
    expect(await store.upsert(after, { aliases: [`${after.url}?amp=1`] })).toBe('updated');
    expect(await ids('kinh-te')).toEqual([after.id]);
    expect(await client.zscore(k.index({ kind: 'topic', slug: 'ha-noi' }), after.id)).toBeNull();
    expect(await store.hasUrl(`${after.url}?amp=1`)).toBe(true);
    expect(await client.exists(k.articlePending(after.id))).toBe(0);
    expect(await store.upsert(after)).toBe('unchanged');
    expect(await checkStore({ redis: client, prefix, log })).toMatchObject({ records: 1, ...clean });
  });

  it('is found by store check and put right by store check --repair', async () => {
    const { after } = await interruptedMove();
    const fresh = makeArticle(2, { topics: ['giao-thong'] });
    await writeOnly(fresh);
    expect(await checkStore({ redis: client, prefix, log })).toMatchObject({ records: 2, pending: 2, unindexed: 0, strayEntries: 0, danglingUrls: 0 });
    const repaired = await checkStore({ redis: client, prefix, log, repair: true });
    expect(repaired.repaired).toBe(2);
    expect(await checkStore({ redis: client, prefix, log })).toMatchObject({ records: 2, ...clean });
    expect(await ids('kinh-te')).toEqual([after.id]);
    expect(await ids('giao-thong')).toEqual([fresh.id]);
    expect(await client.zscore(k.index({ kind: 'topic', slug: 'ha-noi' }), after.id)).toBeNull();
    expect(await store.hasUrl(fresh.url)).toBe(true);
  });

  it('a remove killed after its first step: the URL is still known until the repair forgets it with every index entry', async () => {
    const a = makeArticle(3);
    await store.upsert(a, { aliases: [`${a.url}?amp=1`] });
    await removeOnly(a.id);
    expect(await store.get(a.id)).toBeNull();
    expect(await store.list({ streams: [{ kind: 'all' }], limit: 10 })).toEqual([]);
    expect(await checkStore({ redis: client, prefix, log })).toMatchObject({ records: 0, pending: 1 });
    await checkStore({ redis: client, prefix, log, repair: true });
    expect(await store.hasUrl(a.url)).toBe(false);
    expect(await store.hasUrl(`${a.url}?amp=1`)).toBe(false);
    expect(await store.count({ kind: 'all' })).toBe(0);
    expect(await store.count({ kind: 'source', id: a.source })).toBe(0);
    expect(await checkStore({ redis: client, prefix, log })).toMatchObject({ records: 0, ...clean });
  });

  it('a remove killed after its first step, then the article stored again: listed where it belongs, its URLs known, no marker left', async () => {
    const a = makeArticle(9, { topics: ['giao-thong'] });
    await store.upsert(a, { aliases: [`${a.url}?amp=1`] });
    await removeOnly(a.id);
    const back = makeArticle(9, { topics: ['kinh-te'] });
    expect(await store.upsert(back)).toBe('new');
    expect(await ids('kinh-te')).toEqual([back.id]);
    expect(await ids('giao-thong')).toEqual([]);
    expect(await store.count({ kind: 'topic', slug: 'giao-thong' })).toBe(0);
    expect(await store.hasUrl(back.url)).toBe(true);
    expect(await client.exists(k.articlePending(back.id))).toBe(0);
    expect(await checkStore({ redis: client, prefix, log })).toMatchObject({ records: 1, ...clean });
  });
});

describe('store check', () => {
  it('finds a missing index entry, stray entries and a URL naming no record, and repairs them all', async () => {
    const [a, b] = [makeArticle(4), makeArticle(5)];
    await store.upsert(a);
    await store.upsert(b);
    await client.zrem(k.index({ kind: 'all' }), a.id);
    await client.zadd(k.index({ kind: 'topic', slug: 'the-thao' }), 1, b.id);
    await client.zadd(k.index({ kind: 'source', id: 'kinhtedothi' }), 2, 'ffffffffffffffff');
    await client.hset(k.urls, 'https://kinhtedothi.vn/da-xoa.html', 'eeeeeeeeeeeeeeee');
    expect(await checkStore({ redis: client, prefix, log })).toMatchObject({ records: 2, pending: 0, unindexed: 1, strayEntries: 2, danglingUrls: 1 });
    await checkStore({ redis: client, prefix, log, repair: true });
    expect(await checkStore({ redis: client, prefix, log })).toMatchObject({ records: 2, ...clean });
    expect((await store.list({ streams: [{ kind: 'all' }], limit: 10 })).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(await store.count({ kind: 'topic', slug: 'the-thao' })).toBe(0);
    expect(await store.hasUrl('https://kinhtedothi.vn/da-xoa.html')).toBe(false);
  });

  it('finds a story whose index lost its first copy, and puts it back', async () => {
    await store.upsert(SEED);
    const copy = copyOf(SEED, 1);
    await store.upsert(copy);
    const copies = async () => (await store.storyCopies([SEED.id])).get(SEED.id)?.map((a) => a.id);
    const both = await copies();
    expect([...(both ?? [])].sort()).toEqual([SEED.id, copy.id].sort());
    await client.zrem(k.index({ kind: 'story', id: SEED.id }), SEED.id);
    expect(await copies()).toEqual([copy.id]);
    expect(await checkStore({ redis: client, prefix, log })).toMatchObject({ unindexed: 1 });
    await checkStore({ redis: client, prefix, log, repair: true });
    expect(await copies()).toEqual(both);
    expect(await checkStore({ redis: client, prefix, log })).toMatchObject({ records: 2, ...clean });
  });

  it('after racing writers of one article, lists it as its record says, and a repair leaves nothing over', async () => {
    const versions = Array.from({ length: 12 }, (_, i) =>
      makeArticle(6, { topics: [i % 2 === 0 ? 'ha-noi' : 'kinh-te'], contentHash: String(i % 10).repeat(64), title: `Bản ${i}` }),
    );
    await Promise.all(versions.map((v) => store.upsert(v)));
    const stored = (await store.get(versions[0]?.id ?? '')) as Article;
    const other = stored.topics[0] === 'ha-noi' ? 'kinh-te' : 'ha-noi';
    expect(await ids(stored.topics[0] as string)).toEqual([stored.id]);
    expect(await ids(other)).toEqual([]);
    // A writer whose index step lands after another's may leave an entry in the stream the record left (README:
    // what holds where): never listed, and gone after a repair.
    await checkStore({ redis: client, prefix, log, repair: true });
    expect(await checkStore({ redis: client, prefix, log })).toMatchObject({ records: 1, ...clean });
  });
});
