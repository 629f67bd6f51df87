/** What the site serves besides feeds: its 404 page, the OPML download, search, assets and icons, and the icons feeds carry. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { child, parseXml } from '../render/validators.js';
import { serveStack, type Replica } from './harness.js';

let redis: TestRedis;
let r: Replica;
const B = 'https://bantin.example';
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

beforeAll(async () => {
  redis = await startTestRedis();
  const stack = serveStack(redis);
  for (let n = 1; n <= 4; n++) await stack.store.upsert(makeArticle(n));
  await stack.store.upsert(makeArticle(5, { title: 'Giá vàng tăng mạnh', topics: ['kinh-te'], section: { name: 'Kinh tế', slug: 'kinh-te' }, category: { name: 'Kinh tế', slug: 'kinh-te' } }));
  r = await stack.replica();
});
afterAll(async () => {
  await r.stop();
  await redis.stop();
});

const get = (path: string, accept?: string) => r.app.request(path, { headers: accept ? { accept } : {} });

describe('a missing page', () => {
  it.each(['/nowhere', '/topics/giao-thong', '/sources/vnexpress', '/feeds/nope'])('%s: a browser gets a Vietnamese HTML page, anyone else problem+json, both 404', async (path) => {
    const page = await get(path, BROWSER);
    expect([page.status, page.headers.get('content-type'), page.headers.get('vary')]).toEqual([404, 'text/html; charset=utf-8', 'Accept']);
    const html = await page.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<h1>Không tìm thấy trang</h1>');
    expect(html).toContain(`<a class="btn btn-primary" href="${B}/">Về trang chủ</a>`);
    for (const accept of [undefined, '*/*', 'application/json', 'application/problem+json, text/html;q=0.5']) {
      const res = await get(path, accept);
      expect([res.status, res.headers.get('content-type')]).toEqual([404, 'application/problem+json; charset=utf-8']);
    }
  });
});

describe('the OPML list', () => {
  it('is a named file to save; a browser gets the same list inline, as XML it shows through the XSLT', async () => {
    const file = await get('/opml?format=atom');
    expect([file.headers.get('content-disposition'), file.headers.get('content-type')]).toEqual(['attachment; filename="bantin-atom.opml"', 'text/x-opml; charset=utf-8']);
    const text = await file.text();
    expect(text.split('\n')[1]).toBe('<?xml-stylesheet type="text/xsl" href="/assets/feed.xsl"?>');
    expect(parseXml(text).name).toBe('opml');
    const view = await get('/opml?format=atom', BROWSER);
    expect([view.headers.get('content-disposition'), view.headers.get('content-type'), view.headers.get('vary')]).toEqual([
      'inline; filename="bantin-atom.opml"',
      'application/xml; charset=utf-8',
      'Accept, Accept-Encoding',
    ]);
    expect(await view.text()).toBe(text);
  });

  it('is linked for download from every page', async () => {
    expect(await (await get('/')).text()).toContain(`<a href="${B}/opml" download="bantin.opml">Tải danh sách OPML</a>`);
  });
});

describe('feeds carry the icon and name the feed view', () => {
  it('RSS image, Atom icon and logo, JSON Feed icon and favicon: pictures this service answers', async () => {
    const rss = await (await get('/topics/ha-noi.rss')).text();
    expect(rss).toContain('<?xml-stylesheet type="text/xsl" href="/assets/feed.xsl"?>');
    const image = child(child(parseXml(rss), 'channel'), 'image');
    const atom = parseXml(await (await get('/topics/ha-noi.atom')).text());
    const json = (await (await get('/topics/ha-noi.json')).json()) as { icon: string; favicon: string };
    const urls = [child(image, 'url').text, child(atom, 'icon').text, child(atom, 'logo').text, json.icon, json.favicon];
    expect(urls).toEqual([`${B}/icon-144.png`, `${B}/icon-64.png`, `${B}/icon-512.png`, `${B}/icon-512.png`, `${B}/icon-64.png`]);
    for (const url of urls) {
      const res = await get(url.slice(B.length));
      expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/png']);
      const png = Buffer.from(await res.arrayBuffer());
      const size = Number(/icon-(\d+)/.exec(url)?.[1]);
      expect([png.subarray(1, 4).toString('latin1'), png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(['PNG', size, size]);
    }
  });

  it('the XSLT is well-formed XSLT 1.0 and links the hashed stylesheet and script', async () => {
    const res = await get('/assets/feed.xsl');
    expect(res.headers.get('content-type')).toBe('text/xsl; charset=utf-8');
    const xsl = await res.text();
    const root = parseXml(xsl);
    expect([root.name, root.attrs.version]).toEqual(['xsl:stylesheet', '1.0']);
    expect(xsl).toMatch(/href="\/assets\/site\.css\?v=[\w-]+"/);
    expect(xsl).toMatch(/src="\/assets\/copy\.js\?v=[\w-]+"/);
  });
});

describe('icons, manifest and the stylesheet', () => {
  it('favicon.ico holds PNGs at 16, 32 and 48 px', async () => {
    const res = await get('/favicon.ico');
    expect(res.headers.get('content-type')).toBe('image/x-icon');
    const ico = Buffer.from(await res.arrayBuffer());
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 3]);
    expect([0, 1, 2].map((i) => ico[6 + 16 * i])).toEqual([16, 32, 48]);
    const first = ico.readUInt32LE(6 + 12);
    expect(ico.subarray(first + 1, first + 4).toString('latin1')).toBe('PNG');
  });

  it('the SVG icon and the web app manifest, whose icons all answer', async () => {
    const svg = await get('/icon.svg');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(parseXml(await svg.text()).name).toBe('svg');
    const res = await get('/manifest.webmanifest');
    expect(res.headers.get('content-type')).toBe('application/manifest+json; charset=utf-8');
    const manifest = (await res.json()) as { name: string; lang: string; start_url: string; icons: { src: string; sizes: string }[] };
    expect([manifest.name, manifest.lang, manifest.start_url]).toEqual(['Bản tin', 'vi', '/']);
    expect(manifest.icons.map((i) => i.sizes)).toEqual(['any', '192x192', '512x512']);
    for (const icon of manifest.icons) expect((await get(icon.src)).status).toBe(200);
  });

  it('site.css: immutable under the hash the pages link, short-lived under any other, and revalidated by ETag', async () => {
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(await (await get('/')).text())?.[1] ?? '';
    const res = await get(href);
    expect([res.status, res.headers.get('content-type'), res.headers.get('cache-control')]).toEqual([200, 'text/css; charset=utf-8', 'public, max-age=31536000, immutable']);
    expect((await get('/assets/site.css?v=old')).headers.get('cache-control')).toBe('public, max-age=300');
    const again = await r.app.request(href, { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expect(await res.text()).toContain('prefers-color-scheme:dark');
  });
});

describe('search', () => {
  it('without a query: the form and what it searches', async () => {
    const html = await (await get('/search')).text();
    expect(html).toContain('<input type="search" id="q" name="q" value=""');
    expect(html).toContain('Nhập một hay vài từ');
  });

  it('finds articles regardless of diacritics and case, as headlines with their source, and offers the search as a feed', async () => {
    const res = await get('/search?q=GIA%20VANG');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<a href="https://kinhtedothi.vn/bai-viet-so-5.html">Giá vàng tăng mạnh</a>');
    expect(html).toContain('<p class="meta">Kinh tế &amp; Đô thị · <time');
    expect(html).toContain('1 bài khớp với “GIA VANG”');
    expect(html).not.toContain('Bài viết số 4');
    expect(html).toContain(`href="${B}/feeds/all.atom?q=GIA%20VANG"`);
  });

  it('says so when nothing matches, and refuses an overlong query with a page, not a crash', async () => {
    expect(await (await get('/search?q=xyzzy')).text()).toContain('Không có bài nào khớp với “xyzzy”');
    const long = await get(`/search?q=${'a'.repeat(201)}`);
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('Từ khóa cần từ 1 đến 200 ký tự');
  });

  it('escapes the query wherever it is shown', async () => {
    const html = await (await get('/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E')).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('topic, place, category and source pages', () => {
  it.each([
    ['/topics/kinh-te', 'Kinh tế', 'Chủ đề', '1 bài'],
    ['/topics/ha-noi', 'Hà Nội', 'Địa phương', '4 bài'],
    ['/categories/kinh-te', 'Kinh tế', 'Chuyên mục', '1 bài'],
    ['/sources/kinhtedothi', 'Kinh tế &amp; Đô thị', 'Nguồn', '5 bài'],
  ])('%s: a browser gets its page, with breadcrumbs and its exact count', async (path, name, parent, count) => {
    const res = await get(path, BROWSER);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain(`<h1>${name}</h1>`);
    expect(html).toContain(`>${parent}</a></li><li aria-current="page">${name}</li>`);
    expect(html).toContain(`(${count}, mới nhất`);
    expect(html.match(/<summary>Đăng ký/g)).toHaveLength(1);
  });
});
