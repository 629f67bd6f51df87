import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/log.js';
import { discover, type DiscoverDeps, type DiscoveryReport } from '../../src/discover/index.js';
import type { SourceConfig } from '../../src/config/index.js';
import { startFixtureSite } from '../support/fixture-site.js';
import { FIXTURES, serveGzippedSitemap, sourceAt, startDiscoverHarness, type DiscoverHarness } from './harness.js';

let h: DiscoverHarness;
beforeAll(async () => {
  h = await startDiscoverHarness();
});
afterAll(async () => h.stop());
beforeEach(async () => h.reset());

const nothingKnown = async (): Promise<boolean> => false;
const run = (source: SourceConfig, extra: Partial<DiscoverDeps> = {}): Promise<DiscoveryReport> =>
  discover(source, { fetcher: h.fetcher, isKnown: nothingKnown, log: silentLogger(), ...extra });
/** Feeds and listings only: event pages linked from the ticker are walked in the events tests. */
const noEvents = { parts: ['feeds', 'listings', 'sitemaps'] } as const;
const paths = (report: DiscoveryReport): string[] => report.links.map((l) => new URL(l.url).pathname);

const THOI_SU = [
  '/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html',
  '/quoc-hoi-thong-qua-luat-an-ninh-mang-331002.html',
  '/ky-hop-thu-9-be-mac-330900.html',
  '/thu-do-mo-rong-khong-gian-di-bo-330870.html',
  '/cu-tri-ha-noi-kien-nghi-330500.html',
];

describe('discovery of a whole source', () => {
  it('matches the golden report: feeds, listing fallback, sitemaps and events together', async () => {
    await serveGzippedSitemap(h.site);
    const source = sourceAt(h.site.origin, {
      feeds: ['/rss/home.rss', '/rss/empty.rss'],
      listings: ['/thoi-su', '/kinh-te'],
      sitemaps: ['/sitemap.xml'],
      events: { list: '/su-kien' },
    });
    const report = await run(source);
    const file = path.join(FIXTURES, 'expected', 'full-run.json');
    if (process.env.UPDATE_GOLDEN === '1') {
      await writeFile(file, `${JSON.stringify(report, null, 2).replaceAll(h.site.origin, '{{BASE}}')}\n`);
      expect.fail(`${file} rewritten (UPDATE_GOLDEN=1): review the diff, then run without it`);
    }
    const golden = (await readFile(file, 'utf8')).replaceAll('{{BASE}}', h.site.origin);
    expect(report).toEqual(JSON.parse(golden));
  });
});

describe('feeds', () => {
  it('takes article links from RSS and Atom feeds, only this site\'s articles, and asks for no listing when they have items', async () => {
    const report = await run(sourceAt(h.site.origin, { feeds: ['/rss/home.rss', '/rss/atom.xml'], listings: ['/thoi-su'] }));
    expect(paths(report)).toEqual([
      '/thi-truong-vang-trong-nuoc-tang-manh-phien-dau-tuan.html',
      '/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html',
      '/gia-xang-giam-nhe.html',
    ]);
    expect(h.paths()).not.toContain('/thoi-su');
  });

  it('falls back to the listing pages when the feed answers a channel with zero items', async () => {
    const report = await run(sourceAt(h.site.origin, { feeds: ['/rss/empty.rss'], listings: ['/thoi-su'] }));
    expect(paths(report)).toEqual(THOI_SU);
    expect(report.links.every((l) => l.via === 'listing')).toBe(true);
    expect(report.stats).toMatchObject({ feeds: 1, feedItems: 0, emptyFeeds: 1, listingPages: 3 });
  });

  it('falls back when the feed is an anti-bot HTML page, and records it as a parse-error', async () => {
    h.site.route('/rss/home.rss', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><script>document.cookie="chk=1";location.reload()</script></head><body>Checking your browser…</body></html>');
    });
    const report = await run(sourceAt(h.site.origin, { feeds: ['/rss/home.rss'], listings: ['/thoi-su'] }));
    expect(paths(report)).toEqual(THOI_SU);
    expect(report.failures).toEqual([expect.objectContaining({ url: `${h.site.origin}/rss/home.rss`, failure: 'parse-error' })]);
  });

  it('falls back when the feed is unchanged (304), since an unchanged empty feed is still empty', async () => {
    h.site.route('/rss/empty.rss', async (req, res, site) => {
      if (req.headers['if-none-match'] === '"e1"') {
        res.writeHead(304);
        return void res.end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"e1"' });
      res.end(await site.file('rss/empty.rss'));
    });
    const source = sourceAt(h.site.origin, { feeds: ['/rss/empty.rss'], listings: ['/thoi-su'], maxListingPages: 1 });
    await run(source, { mode: noEvents });
    const second = await run(source, { mode: noEvents });
    expect(second.stats.notModified).toBe(1);
    expect(paths(second)).toEqual(THOI_SU.slice(0, 2));
  });

  it('records a broken feed and goes on with the others', async () => {
    h.site.route('/rss/broken.rss', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<rss version="2.0"><channel><item><link>');
    });
    const report = await run(sourceAt(h.site.origin, { feeds: ['/rss/broken.rss', '/rss/atom.xml'] }));
    expect(report.failures.map((f) => f.failure)).toEqual(['parse-error']);
    expect(paths(report)).toEqual(['/gia-xang-giam-nhe.html']);
  });
});

describe('listing pages', () => {
  it('follows pagination up to the page bound', async () => {
    const report = await run(sourceAt(h.site.origin, { listings: ['/thoi-su'], maxListingPages: 2 }), { mode: noEvents });
    expect(paths(report)).toEqual(THOI_SU.slice(0, 4));
    expect(h.paths()).toEqual(['/thoi-su', '/thoi-su/trang-2']);
  });

  it('stops as soon as a page holds only known articles', async () => {
    const known = new Set(THOI_SU.slice(2, 4).map((p) => `${h.site.origin}${p}`));
    const report = await run(sourceAt(h.site.origin, { listings: ['/thoi-su'], maxListingPages: 10 }), {
      isKnown: async (u) => known.has(u),
      mode: noEvents,
    });
    expect(h.paths()).toEqual(['/thoi-su', '/thoi-su/trang-2']);
    // Known links are still reported: the crawl re-checks a few for corrections.
    expect(paths(report)).toEqual(THOI_SU.slice(0, 4));
  });

  it('backfill walks past known pages to its own depth', async () => {
    const report = await run(sourceAt(h.site.origin, { listings: ['/thoi-su'], maxListingPages: 1 }), {
      isKnown: async () => true,
      mode: { backfillPages: 3 },
    });
    expect(paths(report)).toEqual(THOI_SU);
  });

  it('a failing listing and a section robots.txt disallows are recorded; the other listings go on', async () => {
    h.site.route('/robots.txt', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nDisallow: /do-thi\n');
    });
    h.site.route('/kinh-te', (_req, res) => {
      res.writeHead(500);
      res.end();
    });
    const report = await run(sourceAt(h.site.origin, { listings: ['/do-thi', '/kinh-te', '/thoi-su'], maxListingPages: 1 }), { mode: noEvents });
    expect(report.failures.map((f) => [new URL(f.url).pathname, f.failure])).toEqual([
      ['/do-thi', 'robots-denied'],
      ['/kinh-te', 'http-5xx'],
    ]);
    expect(paths(report)).toEqual(THOI_SU.slice(0, 2));
    expect(h.paths()).not.toContain('/do-thi');
  });

  it('keeps the whole links of a truncated listing page and drops the half-written one', async () => {
    h.site.route('/thoi-su', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<html><body><div class="pkg"><ul><li><div class="info_cate"><a href="/mot-330001.html">Một</a></div></li>' +
          '<li><div class="info_cate"><a href="/hai-3300',
      );
    });
    const report = await run(sourceAt(h.site.origin, { listings: ['/thoi-su'] }));
    expect(paths(report)).toEqual(['/mot-330001.html']);
    expect(report.failures).toEqual([]);
  });
});

describe('sitemaps', () => {
  it('reads a sitemap index, its news sitemap and a gzipped child, keeping only article URLs', async () => {
    await serveGzippedSitemap(h.site);
    const report = await run(sourceAt(h.site.origin, { sitemaps: ['/sitemap.xml'] }));
    expect(paths(report)).toEqual([
      '/gia-xang-giam-nhe.html',
      '/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html',
      '/nam-2019-kinh-te-thu-do-330001.html',
    ]);
    expect(report.links.every((l) => l.via === 'sitemap')).toBe(true);
    // Newest child first.
    expect(h.paths()).toEqual(['/sitemap.xml', '/sitemaps/news.xml', '/sitemaps/2019-01.xml.gz']);
  });

  it('records a sitemap that is not one', async () => {
    const report = await run(sourceAt(h.site.origin, { sitemaps: ['/rss/home.rss', '/sitemap.xml'] }), {});
    expect(report.failures.map((f) => f.failure)).toEqual(['parse-error', 'http-4xx']);
  });
});

describe('events', () => {
  it('gives an article the events whose own pages list it, never the site-wide ticker', async () => {
    const report = await run(sourceAt(h.site.origin, { listings: ['/kinh-te', '/thoi-su'], maxListingPages: 1 }), {
      mode: { parts: ['listings'] },
    });
    // Every listing page carries the "DÒNG SỰ KIỆN" ticker; no article is attributed from it.
    expect(report.links.every((l) => l.events.length === 0)).toBe(true);
    const withEvents = await run(sourceAt(h.site.origin, { listings: ['/thoi-su'], maxListingPages: 1 }));
    const quocHoi = withEvents.links.find((l) => l.url.endsWith('/quoc-hoi-thong-qua-luat-an-ninh-mang-331002.html'));
    expect(quocHoi?.events).toEqual([{ name: 'Kỳ họp thứ 9 Quốc hội khóa XIV', url: `${h.site.origin}/su-kien/697/ky-hop-thu-9-quoc-hoi-khoa-xiv.html` }]);
    expect(withEvents.links.find((l) => l.url.endsWith('332156.html'))?.events).toEqual([]);
  });

  it('runs on its own: the event list, then each event page, within maxEvents', async () => {
    const report = await run(sourceAt(h.site.origin, { listings: ['/thoi-su'], events: { list: '/su-kien', maxEvents: 1 } }), {
      mode: { parts: ['events'] },
    });
    expect(h.paths()).toEqual(['/su-kien', '/su-kien/697/ky-hop-thu-9-quoc-hoi-khoa-xiv.html']);
    expect(report.links.map((l) => [new URL(l.url).pathname, l.via, l.events.map((e) => e.name)])).toEqual([
      ['/quoc-hoi-thong-qua-luat-an-ninh-mang-331002.html', 'event', ['Kỳ họp thứ 9 Quốc hội khóa XIV']],
      ['/ky-hop-thu-9-be-mac-330900.html', 'event', ['Kỳ họp thứ 9 Quốc hội khóa XIV']],
    ]);
  });
});

describe('several sources', () => {
  it('one source failing everywhere does not stop another', async () => {
    const broken = await startFixtureSite(FIXTURES);
    try {
      for (const p of ['/rss/home.rss', '/thoi-su', '/sitemap.xml']) {
        broken.route(p, (req) => void req.socket.destroy());
      }
      const [bad, good] = await Promise.all([
        run(sourceAt(broken.origin, { feeds: ['/rss/home.rss'], listings: ['/thoi-su'], sitemaps: ['/sitemap.xml'] }, 'broken')),
        run(sourceAt(h.site.origin, { feeds: ['/rss/empty.rss'], listings: ['/thoi-su'] })),
      ]);
      expect(bad.links).toEqual([]);
      expect(bad.failures.map((f) => f.failure)).toEqual(['reset', 'reset', 'reset']);
      expect(paths(good)).toEqual(THOI_SU);
    } finally {
      await broken.close();
    }
  });
});
