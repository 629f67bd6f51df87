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

  it('front page: Vietnamese HTML with autodiscovery, feeds with exact counts, one subscribe control each, and headlines', async () => {
    const res = await r.app.request('/');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    // The only script is the copy button's, from the one served file.
    expect(html.match(/<script[^>]*>/g)).toEqual([expect.stringMatching(/^<script src="\/assets\/copy\.js\?v=[\w-]+" defer>$/)]);
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/site\.css\?v=[\w-]+">/);
    expect(html).toContain(`<link rel="alternate" type="application/rss+xml" title="Bản tin - Tất cả (RSS)" href="${B}/feeds/all.rss">`);
    expect(html).toContain(`<link rel="alternate" type="application/feed+json" title="Bản tin - Hà Nội (JSON Feed)" href="${B}/feeds/ha-noi.json">`);
    // Hà Nội is a place: listed under Địa phương, before the topics.
    expect(html.indexOf('id="dia-phuong"')).toBeLessThan(html.indexOf('id="chu-de"'));
    expect(html).toMatch(/<a class="feed-name" href="https:\/\/bantin\.example\/topics\/ha-noi">Hà Nội<\/a><span class="count">6 bài · mới nhất <time/);
    // Counts are exact or absent: `all` reads one stream (7), kinh-te merges two and says none.
    expect(html).toMatch(/>Bản tin - Tất cả<\/a><span class="count">7 bài · /);
    expect(html).toMatch(/>Bản tin - Kinh tế<\/a><span class="count">mới nhất /);
    // One "Đăng ký" per feed: 3 curated, 1 place, 1 topic, 1 source.
    expect(html.match(/<summary>Đăng ký/g)).toHaveLength(6);
    expect(html).toContain(`<a class="btn" href="${B}/topics/kinh-te.atom" type="application/atom+xml">Atom</a>`);
    expect(html).toContain('Chứng khoán &lt;tăng&gt; &amp; giảm');
    expect(html.indexOf('Chứng khoán')).toBeLessThan(html.indexOf(makeArticle(6).title));
  });

  it('topic page for a browser: the same for one topic, under breadcrumbs back to the front page', async () => {
    const res = await r.app.request('/topics/ha-noi', { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(html).toContain('<title>Hà Nội – Bản tin</title>');
    expect(html).toContain(`<nav class="crumbs" aria-label="Vị trí"><ol><li><a href="${B}/">Trang chủ</a></li><li><a href="${B}/#dia-phuong">Địa phương</a></li><li aria-current="page">Hà Nội</li></ol></nav>`);
    expect(html).toContain(`href="${B}/topics/ha-noi.rss"`);
    expect(html).toContain('(6 bài, mới nhất');
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
