/**
 * The probe on a site that advertises little: no `<link rel=alternate>` on
 * the home page, an HTML "RSS" directory page at /rss (as vnexpress.net
 * has), a feed only a section page advertises, and a sitemap index named in
 * robots.txt whose news child is told apart from the archive.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createFetcher, type Fetcher } from '../../src/fetch/index.js';
import { probeSite } from '../../src/onboard/index.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let site: FixtureSite;
let dir: string;
let fetcher: Fetcher;

const article = (n: number): string => `/tin-tuc/bai-viet-thu-${n}-ve-kinh-te-thu-do.html`;
const rss = (paths: string[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title><link>{{BASE}}/</link><description>Tin</description>${paths
    .map((p) => `<item><title>Bài</title><link>{{BASE}}${p}</link><pubDate>Mon, 23 Nov 2026 08:00:00 +0700</pubDate></item>`)
    .join('')}</channel></rss>`;
const urlset = (paths: string[], news: boolean): string =>
  `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${news ? ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' : ''}>${paths
    .map((p) => `<url><loc>{{BASE}}${p}</loc>${news ? '<news:news><news:publication_date>2026-11-23T08:00:00+07:00</news:publication_date><news:title>Bài</news:title></news:news>' : ''}</url>`)
    .join('')}</urlset>`;

const FILES: Record<string, string> = {
  'robots.txt': 'User-agent: *\nAllow: /\nSitemap: {{BASE}}/sitemaps/index.xml\n',
  'index.html': `<html><head><title>Báo Thủ Đô</title></head><body><nav><a href="/kinh-te">Kinh tế</a> <a href="/the-thao">Thể thao</a> <a href="/dang-nhap">Đăng nhập</a></nav>${[1, 2].map((n) => `<a href="${article(n)}">Bài ${n}</a>`).join('')}</body></html>`,
  'kinh-te.html': `<html><body>${[3, 4, 5].map((n) => `<a href="${article(n)}">Bài ${n}</a>`).join('')}</body></html>`,
  'the-thao.html': `<html><head><link rel="alternate" type="application/rss+xml" href="/rss/the-thao.rss"></head><body><a href="${article(6)}">Bài 6</a></body></html>`,
  'rss.html': '<html><body><h1>RSS</h1><ul><li><a href="/rss/tin-moi-nhat.rss">Tin mới nhất</a></li></ul></body></html>',
  'rss/tin-moi-nhat.rss': rss([article(1), article(7)]),
  'rss/the-thao.rss': rss([article(6)]),
  'sitemaps/index.xml': `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{{BASE}}/sitemaps/news.xml</loc></sitemap><sitemap><loc>{{BASE}}/sitemaps/2019.xml</loc></sitemap></sitemapindex>`,
  'sitemaps/news.xml': urlset([article(8)], true),
  'sitemaps/2019.xml': urlset([article(9)], false),
};

beforeAll(async () => {
  redis = await startTestRedis();
  dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-probe-'));
  for (const [rel, text] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  site = await startFixtureSite(dir);
  fetcher = createFetcher({
    redis: redis.client(),
    prefix: 'probe',
    clock: systemClock,
    log: silentLogger(),
    userAgent: 'bantin/test',
    allowPrivateNetworks: true,
    politeness: () => ({ minIntervalMs: 0, concurrency: 2 }),
  });
});
afterAll(async () => {
  await fetcher.close();
  await site.close();
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('the probe', () => {
  it('finds feeds, sitemaps and sections the site does not advertise on its home page', async () => {
    const probe = await probeSite(`${site.origin}/`, { fetcher, sourceId: 'thudo' });
    expect(probe.name).toBe('Báo Thủ Đô');
    expect(probe.feeds).toEqual([
      { url: `${site.origin}/rss/the-thao.rss`, items: 1, via: 'section page /the-thao <link rel=alternate>' },
      { url: `${site.origin}/rss/tin-moi-nhat.rss`, items: 2, via: 'linked from /rss' },
    ]);
    expect(probe.sitemaps).toEqual([
      { url: `${site.origin}/sitemaps/news.xml`, news: true, urls: 1, via: 'listed in /sitemaps/index.xml' },
    ]);
    // Log-in is no section; the archive sitemap of 2019 is not read at all.
    expect(probe.sections.map((s) => new URL(s.url).pathname)).toEqual(['/kinh-te', '/the-thao']);
    expect(site.requests.map((r) => r.path)).not.toContain('/sitemaps/2019.xml');
    // Feeds first, then news sitemaps, then the sections' links in turn, then the home page's.
    expect(probe.candidates.map((u) => new URL(u).pathname)).toEqual([6, 1, 7, 8, 3, 4, 5, 2].map(article));
  });
});
