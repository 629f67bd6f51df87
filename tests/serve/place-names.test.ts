/**
 * A place the normalizer found only in an article's text has no tag naming it:
 * topic feeds, topic pages and /api/topics show the gazetteer's name, not the slug.
 */
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { serveStack, type Replica } from './harness.js';

let redis: TestRedis;
let r: Replica;
// `bac-ninh` only in topics: no section or tag names it.
const bridge = makeArticle(1, { title: 'Thông xe cầu mới', topics: ['do-thi', 'bac-ninh'], section: { name: 'Đô thị', slug: 'do-thi' }, tags: [] });

beforeAll(async () => {
  redis = await startTestRedis();
  const stack = serveStack(redis);
  await stack.store.upsert(bridge);
  r = await stack.replica();
});
afterAll(async () => {
  await r.stop();
  await redis.stop();
});

describe('a place named only in the text', () => {
  it('titles its topic feed and page with the gazetteer name', async () => {
    const feed = await new Parser().parseString(await (await r.app.request('/topics/bac-ninh.rss')).text());
    expect(feed.title).toBe('Bản tin - Bắc Ninh');
    // rss-parser gives a category with a domain as `{ _: text, $: { domain } }`.
    const names = (feed.items[0]!.categories as unknown as { _: string; $: { domain: string } }[]).map((c) => [c._, c.$.domain]);
    expect(names).toEqual([
      ['Đô thị', 'https://bantin.example/topics/'],
      ['Bắc Ninh', 'https://bantin.example/topics/'],
      ['Bắc Ninh', 'https://bantin.example/places/'],
    ]);
    const html = await (await r.app.request('/topics/bac-ninh', { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('<title>Bắc Ninh – Bản tin</title>');
    expect(html).toContain('<h1>Bắc Ninh</h1>');
  });

  it('lists it by name in /api/topics', async () => {
    const body = (await (await r.app.request('/api/topics')).json()) as { slug: string; name: string }[];
    expect(body.map(({ slug, name }) => ({ slug, name }))).toEqual([
      { slug: 'bac-ninh', name: 'Bắc Ninh' },
      { slug: 'do-thi', name: 'Đô thị' },
    ]);
  });
});
