import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RedisClient } from '../../src/redis/client.js';
import { silentLogger } from '../../src/core/log.js';
import { createRedisStore, keys, watchChanges, type ArticleStore, type Stream } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let client: RedisClient;
let store: ArticleStore;
const prefix = 'bt';

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
  store = createRedisStore({ redis: client, prefix, log: silentLogger() });
});
afterAll(async () => redis.stop());
beforeEach(async () => redis.flush());

describe('redis article store', () => {
  it('stores once however often the same record is upserted', async () => {
    const a = makeArticle(1);
    expect(await store.upsert(a)).toBe('new');
    expect(await store.upsert(a)).toBe('unchanged');
    expect(await store.count({ kind: 'all' })).toBe(1);
    expect(await store.get(a.id)).toEqual(a);
  });

  it('updates a changed record in place and moves it between topic indexes', async () => {
    const a = makeArticle(1, { topics: ['ha-noi', 'giao-thong'], tags: [{ name: 'Giao thông', slug: 'giao-thong' }] });
    await store.upsert(a);
    const changed = makeArticle(1, {
      title: 'Tiêu đề mới',
      contentHash: 'f'.repeat(64),
      topics: ['ha-noi', 'kinh-te'],
      tags: [{ name: 'Kinh tế', slug: 'kinh-te' }],
      updatedAt: '2026-02-01T08:00:00+07:00',
    });
    expect(await store.upsert(changed)).toBe('updated');
    expect((await store.get(a.id))?.title).toBe('Tiêu đề mới');
    expect(await store.count({ kind: 'topic', slug: 'giao-thong' })).toBe(0);
    expect(await store.count({ kind: 'topic', slug: 'kinh-te' })).toBe(1);
    expect(await store.count({ kind: 'all' })).toBe(1);
  });

  it('lists newest first, merges streams without duplicates, and pages with a cursor', async () => {
    for (let n = 1; n <= 10; n++) {
      await store.upsert(makeArticle(n, n % 2 === 0 ? { topics: ['ha-noi', 'kinh-te'] } : {}));
    }
    const page1 = await store.list({ streams: [{ kind: 'topic', slug: 'ha-noi' }, { kind: 'topic', slug: 'kinh-te' }], limit: 4 });
    expect(page1.map((a) => a.title)).toEqual([10, 9, 8, 7].map((n) => `Bài viết số ${n} về Hà Nội`));
    const last = page1.at(-1)!;
    const page2 = await store.list({
      streams: [{ kind: 'all' }],
      limit: 4,
      before: { publishedMs: Date.parse(last.publishedAt), id: last.id },
    });
    expect(page2.map((a) => a.title)).toEqual([6, 5, 4, 3].map((n) => `Bài viết số ${n} về Hà Nội`));
  });

  it('pages exactly through articles published at the same second', async () => {
    const same = '2026-03-01T10:00:00+07:00';
    for (let n = 1; n <= 5; n++) await store.upsert(makeArticle(n, { publishedAt: same }));
    const seen: string[] = [];
    let before: { publishedMs: number; id: string } | null = null;
    for (let i = 0; i < 5; i++) {
      const page = await store.list({ streams: [{ kind: 'all' }], limit: 2, before });
      if (page.length === 0) break;
      seen.push(...page.map((a) => a.id));
      const tail = page.at(-1)!;
      before = { publishedMs: Date.parse(tail.publishedAt), id: tail.id };
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('summarises topics with their display names and counts', async () => {
    await store.upsert(makeArticle(1));
    await store.upsert(makeArticle(2, { tags: [{ name: 'Kinh tế', slug: 'kinh-te' }], topics: ['ha-noi', 'kinh-te'] }));
    const topics = await store.topics();
    expect(topics).toEqual([
      { slug: 'ha-noi', name: 'Hà Nội', count: 2, newestMs: Date.parse(makeArticle(2).publishedAt) },
      { slug: 'kinh-te', name: 'Kinh tế', count: 1, newestMs: Date.parse(makeArticle(2).publishedAt) },
    ]);
  });

  it('publishes a change for exactly the streams an article belongs to, and none for an unchanged upsert', async () => {
    const sub = redis.client();
    const seen: Stream[][] = [];
    const stop = await watchChanges(sub, prefix, { onChange: (s) => seen.push(s), onReset: () => undefined });
    const haNoi: Stream = { kind: 'topic', slug: 'ha-noi' };
    const kinhTe: Stream = { kind: 'topic', slug: 'kinh-te' };
    const a = makeArticle(1);
    await store.upsert(a);
    await store.upsert(a);
    // A sentinel in another topic: its message arriving second proves the unchanged upsert published nothing.
    const sentinel = makeArticle(2, { topics: ['kinh-te'], section: { name: 'Kinh tế', slug: 'kinh-te' }, tags: [] });
    await store.upsert(sentinel);
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[0]).toContainEqual(haNoi);
    expect(seen[0]).not.toContainEqual(kinhTe);
    expect(seen[1]).toContainEqual(kinhTe);
    expect(seen[1]).not.toContainEqual(haNoi);
    await stop();
  });

  it('stops following without a command when asked to (the caller closes the connection), delivering nothing more', async () => {
    const sub = redis.client();
    const seen: Stream[][] = [];
    const stop = await watchChanges(sub, prefix, { onChange: (s) => seen.push(s), onReset: () => undefined });
    const channel = keys(prefix).changes;
    // On a cluster NUMSUB counts the node it is asked on, and the subscriber is on one of them: every node is asked.
    const subscribers = async (): Promise<number> =>
      redis.cluster ? redis.cluster.subscribers(channel) : Number(((await client.pubsub('NUMSUB', channel)) as unknown[])[1]);
    await stop({ unsubscribe: false });
    // Still subscribed on the server (no UNSUBSCRIBE went out), yet the listener hears nothing of the next change.
    expect(await subscribers()).toBe(1);
    await store.upsert(makeArticle(3));
    sub.disconnect();
    await expect.poll(subscribers).toBe(0);
    expect(seen).toEqual([]);
  });

  it('removes an article from every index, and forgets every URL it was known by', async () => {
    const a = makeArticle(1);
    const amp = a.url.replace('.html', '.amp.html');
    await store.upsert(a, { aliases: [amp] });
    expect(await store.hasUrl(amp)).toBe(true);
    expect(await store.remove(a.id)).toBe(true);
    expect(await store.get(a.id)).toBeNull();
    expect(await store.count({ kind: 'topic', slug: 'ha-noi' })).toBe(0);
    expect(await store.hasUrl(a.url)).toBe(false);
    expect(await store.hasUrl(amp)).toBe(false);
    expect(await store.remove(a.id)).toBe(false);
  });

  it('leaves a corrupt record out of a list instead of serving it', async () => {
    await store.upsert(makeArticle(1));
    const b = makeArticle(2);
    await store.upsert(b);
    await client.set(keys(prefix).article(b.id), '{"id":"broken"}');
    const list = await store.list({ streams: [{ kind: 'all' }], limit: 10 });
    expect(list.map((a) => a.id)).toEqual([makeArticle(1).id]);
    await expect(store.get(b.id)).rejects.toMatchObject({ kind: 'corrupt-record' });
  });
});
