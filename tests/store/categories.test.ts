/** Category membership as a store stream of its own, and records stored before categories existed. */
import type { RedisClient } from '../../src/redis/client.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/log.js';
import { createRedisStore, keys, type ArticleStore } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let client: RedisClient;
let store: ArticleStore;
const prefix = 'bt';
const KINH_TE = { name: 'Kinh tế', slug: 'kinh-te' };
const TAI_CHINH = { name: 'Tài chính', slug: 'tai-chinh' };

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
  store = createRedisStore({ redis: client, prefix, log: silentLogger() });
});
afterAll(async () => redis.stop());
beforeEach(async () => redis.flush());

const ids = async (slug: string) => (await store.list({ streams: [{ kind: 'category', slug }], limit: 10 })).map((a) => a.id);

describe('category streams', () => {
  it('lists an article under its category, and moves it when the category changes with the same content', async () => {
    const a = makeArticle(1, { category: KINH_TE });
    await store.upsert(a);
    expect(await ids('kinh-te')).toEqual([a.id]);
    // A mapping changed in config re-files a record even though its text did not change.
    expect(await store.upsert({ ...a, category: TAI_CHINH })).toBe('updated');
    expect(await ids('kinh-te')).toEqual([]);
    expect(await ids('tai-chinh')).toEqual([a.id]);
    expect(await store.upsert({ ...a, category: TAI_CHINH })).toBe('unchanged');
    expect(await store.upsert({ ...a, category: null })).toBe('updated');
    expect(await store.count({ kind: 'category', slug: 'tai-chinh' })).toBe(0);
  });

  it('drops the category index entry when the article is removed', async () => {
    const a = makeArticle(2, { category: KINH_TE });
    await store.upsert(a);
    expect(await store.remove(a.id)).toBe(true);
    expect(await store.count({ kind: 'category', slug: 'kinh-te' })).toBe(0);
  });

  it('reads a record stored before categories existed as one without a category, and files it on its next crawl', async () => {
    const a = makeArticle(3);
    const { category: _none, ...old } = a;
    await client.set(keys(prefix).article(a.id), JSON.stringify(old));
    await client.zadd(keys(prefix).index({ kind: 'all' }), Date.parse(a.publishedAt), a.id);
    expect((await store.get(a.id))?.category).toBeNull();
    expect((await store.list({ streams: [{ kind: 'all' }], limit: 5 })).map((x) => x.category)).toEqual([null]);
    expect(await store.upsert(a)).toBe('unchanged');
    expect(await store.upsert({ ...a, category: KINH_TE })).toBe('updated');
    expect(await ids('kinh-te')).toEqual([a.id]);
  });
});
