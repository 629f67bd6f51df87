import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import Parser from 'rss-parser';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { serveStack, type Replica, type ServeStack } from './harness.js';

let redis: TestRedis;
let stack: ServeStack;
const replicas: Replica[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  stack = serveStack(redis);
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.stop()));
  await redis.stop();
});
beforeEach(async () => {
  await redis.flush();
  for (let n = 1; n <= 10; n++) await stack.store.upsert(makeArticle(n));
});

async function replica(): Promise<Replica> {
  const r = await stack.replica();
  replicas.push(r);
  return r;
}

const titles = async (r: Replica, path: string): Promise<string[]> =>
  (await new Parser().parseString(await (await r.app.request(path)).text())).items.map((i) => i.title ?? '');

describe('render cache', () => {
  it('renders an unchanged feed once for 1,000 requests, and shows a new article on the next request', async () => {
    const r = await replica();
    const before = r.cache.stats().renders;
    const etags = new Set<string>();
    for (let i = 0; i < 1000; i++) etags.add((await r.app.request('/topics/ha-noi.rss')).headers.get('etag') ?? '');
    expect(r.cache.stats().renders - before).toBe(1);
    expect(etags.size).toBe(1);

    const seen = r.changeSeen({ kind: 'topic', slug: 'ha-noi' });
    await stack.store.upsert(makeArticle(11, { title: 'Bài mới về Hà Nội' }));
    await seen;
    expect((await titles(r, '/topics/ha-noi.rss'))[0]).toBe('Bài mới về Hà Nội');
    expect(r.cache.stats().renders - before).toBe(2);
  });

  it('keeps feeds the change does not touch, and drops those it does', async () => {
    const r = await replica();
    const paths = ['/topics/ha-noi.atom', '/feeds/ha-noi.atom', '/feeds/all.atom', '/feeds/kinh-te.atom', '/sources/kinhtedothi.atom'];
    for (const p of paths) await r.app.request(p);
    const before = r.cache.stats().renders;
    const seen = r.changeSeen({ kind: 'topic', slug: 'kinh-te' });
    await stack.store.upsert(makeArticle(20, { topics: ['kinh-te'], section: { name: 'Kinh tế', slug: 'kinh-te' } }));
    await seen;
    const rendered: string[] = [];
    for (const p of paths) {
      const n = r.cache.stats().renders;
      await r.app.request(p);
      if (r.cache.stats().renders > n) rendered.push(p);
    }
    expect(rendered).toEqual(['/feeds/all.atom', '/feeds/kinh-te.atom', '/sources/kinhtedothi.atom']);
    expect(r.cache.stats().renders - before).toBe(3);
  });

  it('keeps every replica sharing the Redis current: adds, changes and removals', async () => {
    const [a, b] = [await replica(), await replica()];
    for (const r of [a, b]) expect(await titles(r, '/feeds/ha-noi.rss?limit=2')).toEqual([makeArticle(10).title, makeArticle(9).title]);

    const changed = makeArticle(10, { title: 'Tiêu đề đã sửa', contentHash: 'e'.repeat(64), updatedAt: '2026-02-01T08:00:00+07:00' });
    let seen = Promise.all([a, b].map((r) => r.changeSeen({ kind: 'topic', slug: 'ha-noi' })));
    await stack.store.upsert(changed);
    await seen;
    for (const r of [a, b]) expect(await titles(r, '/feeds/ha-noi.rss?limit=2')).toEqual(['Tiêu đề đã sửa', makeArticle(9).title]);

    seen = Promise.all([a, b].map((r) => r.changeSeen({ kind: 'topic', slug: 'ha-noi' })));
    await stack.store.remove(changed.id);
    await seen;
    for (const r of [a, b]) expect(await titles(r, '/feeds/ha-noi.rss?limit=2')).toEqual([makeArticle(9).title, makeArticle(8).title]);
  });

  it('answers 304 from memory until the feed changes, then 200 with a new ETag', async () => {
    const r = await replica();
    const etag = (await r.app.request('/topics/ha-noi.json')).headers.get('etag')!;
    expect((await r.app.request('/topics/ha-noi.json', { headers: { 'if-none-match': etag } })).status).toBe(304);
    const seen = r.changeSeen({ kind: 'topic', slug: 'ha-noi' });
    await stack.store.upsert(makeArticle(12));
    await seen;
    const after = await r.app.request('/topics/ha-noi.json', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('marks everything stale when the subscriber reconnects, since change messages may have been missed: answered as it was while it renders again', async () => {
    const r = await replica();
    const body = await (await r.app.request('/topics/ha-noi.rss')).text();
    const resets = r.cache.stats().resets;
    // Away long enough to miss a change: the message for this upsert goes to nobody.
    const ended = new Promise<void>((resolve) => r.subscriber.once('end', () => resolve()));
    r.subscriber.disconnect();
    await ended;
    await stack.store.upsert(makeArticle(11, { title: 'Bài viết lúc mất kết nối' }));
    const ready = new Promise<void>((resolve) => r.subscriber.once('ready', () => resolve()));
    await r.subscriber.connect();
    await ready;
    expect(r.cache.stats().resets).toBeGreaterThan(resets);
    // Kept, not dropped: the first request gets it at once and starts one render.
    expect(r.cache.stats().entries).toBe(1);
    const renders = r.cache.stats().renders;
    expect(await (await r.app.request('/topics/ha-noi.rss')).text()).toBe(body);
    expect(r.cache.stats().renders).toBe(renders + 1);
    expect(r.cache.stats().revalidations).toBe(1);
    await expect.poll(async () => (await titles(r, '/topics/ha-noi.rss'))[0], { timeout: 5000, interval: 20 }).toBe('Bài viết lúc mất kết nối');
    expect(r.cache.stats().renders).toBe(renders + 1);
  });

  it('does not cache a topic 404 past the topic appearing', async () => {
    const r = await replica();
    expect((await r.app.request('/topics/giao-thong.rss')).status).toBe(404);
    const seen = r.changeSeen({ kind: 'topic', slug: 'giao-thong' });
    await stack.store.upsert(makeArticle(30, { topics: ['giao-thong'], tags: [{ name: 'Giao thông', slug: 'giao-thong' }] }));
    await seen;
    expect((await r.app.request('/topics/giao-thong.rss')).status).toBe(200);
  });
});
