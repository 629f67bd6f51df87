/**
 * `/categories/{slug}` feeds and curated feeds built from categories,
 * keywords and exclude rules, over HTTP against a private redis-server, as
 * a feed reader would see them.
 */
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createApp, createRenderCache, type Cached } from '../../src/serve/index.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { PREFIX, serveStack, settingsFor, testConfig, type ServeStack } from './harness.js';

let redis: TestRedis;
let stack: ServeStack;
let app: ReturnType<typeof createApp>;
let stopCache: () => Promise<void>;
let cacheRef: ReturnType<typeof createRenderCache<Cached>>;
const KINH_TE = { name: 'Kinh tế', slug: 'kinh-te' };

const economy = makeArticle(1, { title: 'Xuất khẩu gạo tăng mạnh', topics: ['nong-san'], section: { name: 'Nông sản', slug: 'nong-san' }, category: KINH_TE });
const gold = makeArticle(2, { title: 'Giá vàng hôm nay tăng', topics: ['thi-truong-vang'], section: null, category: { name: 'Tài chính', slug: 'tai-chinh' } });
const advert = makeArticle(3, { title: 'Quảng cáo: Giá vàng ưu đãi', topics: ['thi-truong-vang'], section: null, category: KINH_TE });
const plain = makeArticle(4, { title: 'Namibia bầu cử', topics: ['the-gioi'], section: null, category: null });

beforeAll(async () => {
  redis = await startTestRedis();
  stack = serveStack(redis);
  for (const a of [economy, gold, advert, plain]) await stack.store.upsert(a);
  const cache = createRenderCache<Cached>({ subscriber: redis.client(), prefix: PREFIX, log: silentLogger() });
  await cache.start();
  stopCache = () => cache.stop();
  cacheRef = cache;
  app = createApp({
    store: stack.store,
    config: testConfig([
      { slug: 'kinh-te-moi-nguon', title: 'Kinh tế mọi nguồn', description: 'Chuyên mục Kinh tế.', include: { categories: ['kinh-te'] }, exclude: { keywords: ['quảng cáo'] } },
      { slug: 'gia-vang', title: 'Giá vàng', description: 'Tin giá vàng.', include: { keywords: ['gia vang'] }, exclude: { keywords: ['quang cao'] } },
      { slug: 'nam', title: 'Việt Nam', description: 'Nam.', include: { keywords: ['Nam'] } },
    ]),
    settings: settingsFor(),
    clock: new ManualClock(Date.parse('2026-02-01T00:00:00+07:00')),
    log: silentLogger(),
    ready: async () => ({ ok: true, checks: {} }),
    cache,
  });
});
afterAll(async () => {
  await stopCache();
  await redis.stop();
});

const titles = async (path: string): Promise<string[]> => {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return ((await new Parser().parseString(await res.text())).items ?? []).map((i) => i.title ?? '');
};

describe('/categories/{slug}', () => {
  it('lists the categorised article in /categories/kinh-te.rss, named after the category', async () => {
    const res = await app.request('/categories/kinh-te.rss');
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const feed = await new Parser().parseString(await res.text());
    expect(feed.title).toBe('Bản tin - Kinh tế');
    expect(feed.items.map((i) => i.title)).toEqual([advert.title, economy.title]);
  });

  it('serves Atom and JSON Feed, with ETag and 304 like every feed', async () => {
    const json = (await (await app.request('/categories/tai-chinh.json')).json()) as { items: { title: string }[] };
    expect(json.items.map((i) => i.title)).toEqual([gold.title]);
    const atom = await app.request('/categories/kinh-te.atom');
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const etag = atom.headers.get('etag')!;
    expect((await app.request('/categories/kinh-te.atom', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('pages older items with the same cursors as topic feeds', async () => {
    const first = (await (await app.request('/categories/kinh-te.json?limit=1')).json()) as { items: { title: string }[]; next_url: string };
    expect(first.items.map((i) => i.title)).toEqual([advert.title]);
    const next = new URL(first.next_url);
    const second = (await (await app.request(`${next.pathname}${next.search}`)).json()) as { items: { title: string }[]; next_url?: string };
    expect(second.items.map((i) => i.title)).toEqual([economy.title]);
    expect(second.next_url).toBeUndefined();
  });

  it('answers an empty category with an empty feed, an unknown one with 404, and redirects a diacritic spelling', async () => {
    expect(await titles('/categories/the-thao.rss')).toEqual([]);
    expect((await app.request('/categories/showbiz.rss')).status).toBe(404);
    const moved = await app.request('/categories/Kinh-T%E1%BA%BF.rss');
    expect([moved.status, moved.headers.get('location')]).toEqual([301, '/categories/kinh-te.rss']);
  });
});

describe('finding the category feeds', () => {
  it('lists the categories holding articles in the OPML and on the front page, and no empty one', async () => {
    const opml = await (await app.request('/opml')).text();
    expect(opml).toContain('https://bantin.example/categories/kinh-te.rss');
    expect(opml).toContain('https://bantin.example/categories/tai-chinh.rss');
    expect(opml).not.toContain('/categories/the-thao.rss');
    const home = await (await app.request('/')).text();
    expect(home).toContain('Chuyên mục');
    expect(home).toContain('/categories/kinh-te.rss');
  });
});

describe('curated feeds with categories, keywords and exclude', () => {
  it('takes in the category and drops what its exclude keyword names', async () => {
    expect(await titles('/feeds/kinh-te-moi-nguon.rss')).toEqual([economy.title]);
  });

  it('takes in a keyword without diacritics from any category, exclude winning', async () => {
    expect(await titles('/feeds/gia-vang.rss')).toEqual([gold.title]);
  });

  it('matches whole words only: "Nam" does not take in Namibia', async () => {
    expect(await titles('/feeds/nam.rss')).toEqual([]);
  });

  it('follows the store: a newly categorised article appears in the category and curated feeds', async () => {
    const later = makeArticle(9, { title: 'Doanh nghiệp FDI mở rộng', topics: [], section: null, category: KINH_TE });
    const seen = new Promise<void>((resolve) => {
      const off = cacheRef.onChange((streams) => {
        if (streams.some((s) => s.kind === 'category' && s.slug === 'kinh-te')) {
          off();
          resolve();
        }
      });
    });
    await stack.store.upsert(later);
    await seen;
    expect((await titles('/categories/kinh-te.rss'))[0]).toBe(later.title);
    expect((await titles('/feeds/kinh-te-moi-nguon.rss'))[0]).toBe(later.title);
  });
});
