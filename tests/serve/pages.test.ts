import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { children, parseXml, type XmlNode } from '../render/validators.js';
import { serveStack, type Replica } from './harness.js';

let redis: TestRedis;
let r: Replica;
const B = 'https://bantin.example';

beforeAll(async () => {
  redis = await startTestRedis();
  const stack = serveStack(redis);
  for (let n = 1; n <= 6; n++) await stack.store.upsert(makeArticle(n));
  await stack.store.upsert(makeArticle(7, { title: 'Chứng khoán <tăng> & giảm', topics: ['kinh-te'], section: { name: 'Kinh tế', slug: 'kinh-te' } }));
  r = await stack.replica();
});
afterAll(async () => {
  await r.stop();
  await redis.stop();
});

const outlines = (node: XmlNode): XmlNode[] => children(node, 'outline').flatMap((o) => (o.attrs.xmlUrl ? [o] : outlines(o)));

describe('finding the feeds', () => {
  it.each(['rss', 'atom', 'json'])('OPML lists every curated, topic and source feed once, as %s', async (format) => {
    const res = await r.app.request(`/opml?format=${format}`);
    expect(res.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    const opml = parseXml(await res.text());
    expect(opml.attrs.version).toBe('2.0');
    const body = children(opml, 'body')[0]!;
    expect(outlines(body).map((o) => o.attrs.xmlUrl)).toEqual(
      ['/feeds/all', '/feeds/ha-noi', '/feeds/kinh-te', '/topics/ha-noi', '/topics/kinh-te', '/sources/kinhtedothi'].map((p) => `${B}${p}.${format}`),
    );
  });

  it('refuses an unknown OPML format with a problem naming it', async () => {
    const res = await r.app.request('/opml?format=xml');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { param: string }).param).toBe('format');
  });

  it('front page: Vietnamese HTML with autodiscovery, feeds with counts, subscribe links and headlines', async () => {
    const res = await r.app.request('/');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).not.toContain('<script');
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="Bản tin - Tất cả (RSS)" href="${B}/feeds/all.rss">`);
    expect(html).toContain(`<link rel="alternate" type="application/feed+json" title="Bản tin - Hà Nội (JSON Feed)" href="${B}/feeds/ha-noi.json">`);
    expect(html).toMatch(/<a href="https:\/\/bantin\.example\/topics\/ha-noi">Hà Nội<\/a> <small>\(6 bài, cập nhật/);
    expect(html).toContain(`<a href="${B}/topics/kinh-te.atom" type="application/atom+xml">Atom</a>`);
    expect(html).toContain('Chứng khoán &lt;tăng&gt; &amp; giảm');
    expect(html.indexOf('Chứng khoán')).toBeLessThan(html.indexOf(makeArticle(6).title));
  });

  it('topic page for a browser: the same for one topic', async () => {
    const res = await r.app.request('/topics/ha-noi', { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(html).toContain('<title>Bản tin - Hà Nội</title>');
    expect(html).toContain(`href="${B}/topics/ha-noi.rss"`);
    expect(html).toContain(makeArticle(6).title);
    expect(html).not.toContain('Chứng khoán');
  });

  it('/api/topics lists topics with slug, name, count and last update', async () => {
    const res = await r.app.request('/api/topics');
    const body = (await res.json()) as { slug: string; name: string; count: number; updated: string }[];
    expect(body.map(({ slug, name, count, updated }) => ({ slug, name, count, updated }))).toEqual([
      { slug: 'ha-noi', name: 'Hà Nội', count: 6, updated: makeArticle(6).publishedAt },
      { slug: 'kinh-te', name: 'Kinh tế', count: 1, updated: makeArticle(7).publishedAt },
    ]);
  });
});
