import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/serve/index.js';
import { silentLogger } from '../../src/core/log.js';
import { ManualClock } from '../../src/core/clock.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { atomSchemaErrors, child, children, feedparser, jsonFeedErrors, parseXml } from '../render/validators.js';
import { serveStack, settingsFor, testConfig, type Replica, type ServeStack } from './harness.js';

let redis: TestRedis;
let stack: ServeStack;
let r: Replica;
let withHub: Replica;
const N = 45;
const isEconomy = (n: number): boolean => n % 3 === 0;
const title = (n: number): string => (isEconomy(n) ? `Giá vàng hôm nay số ${n}` : makeArticle(n).title);
const B = 'https://bantin.example';

beforeAll(async () => {
  redis = await startTestRedis();
  stack = serveStack(redis);
  for (let n = 1; n <= N; n++) {
    await stack.store.upsert(
      makeArticle(n, isEconomy(n) ? { topics: ['kinh-te'], section: { name: 'Kinh tế', slug: 'kinh-te' }, title: title(n) } : {}),
    );
  }
  r = await stack.replica();
  withHub = await stack.replica({ WEBSUB_HUB_URL: 'https://hub.example/' });
});
afterAll(async () => {
  await r.stop();
  await withHub.stop();
  await redis.stop();
});

const get = (path: string, headers: Record<string, string> = {}, app: Hono = r.app) => app.request(path, { headers });

describe('feed URLs', () => {
  it.each([
    ['/feeds/all.rss', 200, 'application/rss+xml; charset=utf-8'],
    ['/feeds/ha-noi.atom', 200, 'application/atom+xml; charset=utf-8'],
    ['/feeds/kinh-te.json', 200, 'application/feed+json; charset=utf-8'],
    ['/topics/ha-noi.rss', 200, 'application/rss+xml; charset=utf-8'],
    ['/topics/kinh-te.atom', 200, 'application/atom+xml; charset=utf-8'],
    ['/sources/kinhtedothi.json', 200, 'application/feed+json; charset=utf-8'],
    ['/feeds/nope.rss', 404, 'application/problem+json; charset=utf-8'],
    ['/topics/giao-thong.rss', 404, 'application/problem+json; charset=utf-8'],
    ['/sources/vnexpress.atom', 404, 'application/problem+json; charset=utf-8'],
    ['/feeds/all.xml', 404, 'application/problem+json; charset=utf-8'],
    ['/nowhere', 404, 'application/problem+json; charset=utf-8'],
  ])('%s → %i %s', async (path, status, type) => {
    const res = await get(path);
    expect([res.status, res.headers.get('content-type')]).toEqual([status, type]);
    if (status !== 200) expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=2.5', 'limit'],
    ['mode=short', 'mode'],
    ['before=yesterday', 'before'],
    ['q=', 'q'],
  ])('?%s → 400 problem naming %s', async (query, param) => {
    const res = await get(`/topics/ha-noi.rss?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { status: number; param: string };
    expect([body.status, body.param]).toEqual([400, param]);
  });

  it('serves newest first, 30 by default, 1 to 100 on request', async () => {
    const parser = new Parser();
    const all = await parser.parseString(await (await get('/feeds/all.rss')).text());
    expect(all.items.map((i) => i.title)).toEqual(Array.from({ length: 30 }, (_, i) => title(N - i)));
    const five = await parser.parseString(await (await get('/topics/ha-noi.rss?limit=5')).text());
    expect(five.items).toHaveLength(5);
    expect(five.items[0]!.title).toBe(title(N - 1));
  });

  it('passes every independent checker and names the exact URL served as self', async () => {
    const paths = ['/feeds/all', '/feeds/kinh-te', '/topics/ha-noi', '/sources/kinhtedothi'];
    const q = '?limit=7&mode=summary';
    const rss = await Promise.all(paths.map(async (p) => (await get(`${p}.rss${q}`)).text()));
    const atom = await Promise.all(paths.map(async (p) => (await get(`${p}.atom${q}`)).text()));
    const json = await Promise.all(paths.map(async (p) => (await get(`${p}.json${q}`)).text()));
    for (const [i, p] of paths.entries()) {
      const self = children(child(parseXml(rss[i]!), 'channel'), 'atom:link').find((l) => l.attrs.rel === 'self');
      expect(self?.attrs.href).toBe(`${B}${p}.rss${q}`);
      expect(children(parseXml(atom[i]!), 'link').find((l) => l.attrs.rel === 'self')?.attrs.href).toBe(`${B}${p}.atom${q}`);
      expect(jsonFeedErrors(json[i]!)).toEqual([]);
      expect((JSON.parse(json[i]!) as { feed_url: string }).feed_url).toBe(`${B}${p}.json${q}`);
    }
    expect((await feedparser([...rss, ...atom])).map((d) => [d.bozo, d.entries.length])).toEqual([...paths, ...paths].map(() => [0, 7]));
    expect(await atomSchemaErrors(atom)).toBe('');
  });
});

describe('content negotiation and canonical slugs', () => {
  it.each([
    ['/topics/ha-noi', undefined, 'application/rss+xml; charset=utf-8'],
    ['/topics/ha-noi', 'application/atom+xml', 'application/atom+xml; charset=utf-8'],
    ['/topics/ha-noi', 'application/feed+json, application/rss+xml;q=0.5', 'application/feed+json; charset=utf-8'],
    ['/topics/ha-noi', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html; charset=utf-8'],
    // A curated feed has no HTML page: a browser gets the feed itself as application/xml, which it shows through the XSLT.
    ['/feeds/ha-noi', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'application/xml; charset=utf-8'],
    ['/feeds/ha-noi', 'application/rss+xml, application/atom+xml;q=0.9, */*;q=0.8', 'application/rss+xml; charset=utf-8'],
    ['/sources/kinhtedothi', '*/*', 'application/rss+xml; charset=utf-8'],
  ])('%s with Accept %s → %s', async (path, accept, type) => {
    const res = await get(path, accept ? { accept } : {});
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('vary')).toBe('Accept, Accept-Encoding');
  });

  it.each([
    ['/topics/Hà-Nội.rss?limit=2', '/topics/ha-noi.rss?limit=2'],
    ['/topics/HA-NOI', '/topics/ha-noi'],
    ['/topics/KINH-T%E1%BA%BE.json', '/topics/kinh-te.json'],
    ['/feeds/Kinh-Tế.atom', '/feeds/kinh-te.atom'],
  ])('%s redirects permanently to %s', async (path, location) => {
    const res = await get(path);
    expect([res.status, res.headers.get('location')]).toEqual([301, location]);
  });
});

describe('keyword filter and paging', () => {
  it.each([
    ['ha noi', 30],
    ['HÀ NỘI', 30],
    ['gia vang', 15],
    ['Giá vàng số 45', 1],
    ['không có', 0],
  ])('?q=%s ignores diacritics and case (%i items)', async (q, count) => {
    const res = await get(`/feeds/all.json?q=${encodeURIComponent(q)}`);
    const items = ((await res.json()) as { items: { title: string }[] }).items;
    expect(items).toHaveLength(count);
  });

  it('walks the whole archive through next links, each item once, in order', async () => {
    const seen: string[] = [];
    let url: string | null = `/feeds/all.atom?limit=8`;
    let pages = 0;
    while (url) {
      const feed = parseXml(await (await get(url)).text());
      pages++;
      seen.push(...children(feed, 'entry').map((e) => child(e, 'title').text));
      const links = Object.fromEntries(children(feed, 'link').map((l) => [l.attrs.rel, l.attrs.href]));
      // Every later page leads back to the first; none claims to be an RFC 5005 archive, since a backfill or a retention drop changes it.
      expect(links.first).toBe(pages > 1 ? `${B}/feeds/all.atom?limit=8` : undefined);
      expect(children(feed, 'fh:archive')).toHaveLength(0);
      expect(links['prev-archive']).toBeUndefined();
      url = links.next ? links.next.slice(B.length) : null;
    }
    expect(pages).toBe(Math.ceil(N / 8));
    expect(seen).toEqual(Array.from({ length: N }, (_, i) => title(N - i)));
  });

  it('pages JSON Feed with next_url, the keyword filter kept', async () => {
    const titles: string[] = [];
    let url: string | undefined = `/feeds/all.json?q=gia%20vang&limit=4`;
    while (url) {
      const body = (await (await get(url)).json()) as { items: { title: string }[]; next_url?: string };
      titles.push(...body.items.map((i) => i.title));
      url = body.next_url?.slice(B.length);
    }
    expect(titles).toEqual(Array.from({ length: 15 }, (_, i) => title(N - 3 * i)));
  });

  it('gives archive pages the same bytes every time they are asked for', async () => {
    const first = parseXml(await (await get('/topics/ha-noi.rss?limit=10')).text());
    const next = children(child(first, 'channel'), 'atom:link').find((l) => l.attrs.rel === 'next')!.attrs.href!.slice(B.length);
    const a = await get(next);
    const b = await get(next);
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'));
    expect(await a.text()).toBe(await b.text());
  });
});

describe('HTTP caching', () => {
  it('sends a strong ETag, Last-Modified from the newest item, and the cache headers', async () => {
    const res = await get('/topics/ha-noi.rss');
    expect(res.headers.get('etag')).toMatch(/^"[^"]+"$/);
    expect(res.headers.get('last-modified')).toBe(new Date(Date.parse(makeArticle(N - 1).publishedAt)).toUTCString());
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    // A browser asking for the same URL is given it as application/xml (its XSLT view), so .rss varies on Accept too.
    expect(res.headers.get('vary')).toBe('Accept, Accept-Encoding');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers 304 with no body to If-None-Match (lists, weak form) and If-Modified-Since', async () => {
    const first = await get('/topics/ha-noi.atom');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    const cases: [Record<string, string>, number][] = [
      [{ 'if-none-match': etag }, 304],
      [{ 'if-none-match': `"other", ${etag}` }, 304],
      [{ 'if-none-match': `W/${etag}` }, 304],
      [{ 'if-none-match': '"other"' }, 200],
      [{ 'if-none-match': '"other"', 'if-modified-since': lastModified }, 200],
      [{ 'if-modified-since': lastModified }, 304],
      [{ 'if-modified-since': new Date(Date.parse(lastModified) - 1000).toUTCString() }, 200],
      [{ 'if-modified-since': 'not a date' }, 200],
    ];
    for (const [headers, status] of cases) {
      const res = await get('/topics/ha-noi.atom', headers);
      expect({ headers, status: res.status }).toEqual({ headers, status });
      if (status === 304) {
        expect(await res.text()).toBe('');
        expect(res.headers.get('etag')).toBe(etag);
        expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
      }
    }
  });

  it('compresses with brotli and gzip to the same document, each with its own strong ETag', async () => {
    const plain = await get('/feeds/all.json');
    const text = await plain.text();
    const br = await get('/feeds/all.json', { 'accept-encoding': 'gzip, deflate, br' });
    const gz = await get('/feeds/all.json', { 'accept-encoding': 'gzip;q=1, br;q=0' });
    expect([br.headers.get('content-encoding'), gz.headers.get('content-encoding'), plain.headers.get('content-encoding')]).toEqual(['br', 'gzip', null]);
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(text);
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(text);
    expect(new Set([br, gz, plain].map((x) => x.headers.get('etag'))).size).toBe(3);
    const revalidate = await get('/feeds/all.json', { 'accept-encoding': 'gzip', 'if-none-match': plain.headers.get('etag')! });
    expect(revalidate.status).toBe(304);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await r.app.request('/topics/ha-noi.rss', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(res.headers.get('etag')).toMatch(/^"/);
  });
});

describe('WebSub discovery', () => {
  it('advertises the hub and exactly one self in Link and in each document', async () => {
    for (const ext of ['rss', 'atom', 'json']) {
      const res = await get(`/topics/ha-noi.${ext}?limit=3`, {}, withHub.app);
      const link = res.headers.get('link')!;
      expect(link.match(/rel="self"/g)).toHaveLength(1);
      expect(link).toBe(`<https://hub.example/>; rel="hub", <${B}/topics/ha-noi.${ext}?limit=3>; rel="self"`);
      const body = await res.text();
      if (ext === 'json') expect((JSON.parse(body) as { hubs: unknown }).hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example/' }]);
      else expect(body).toContain('<atom:link rel="hub" href="https://hub.example/"/>'.replace('atom:', ext === 'atom' ? '' : 'atom:'));
    }
    // Without WEBSUB_HUB_URL bantin is its own hub: its /websub, in Link and in the document.
    const own = await get('/topics/ha-noi.rss');
    expect(own.headers.get('link')).toBe(`<${B}/websub>; rel="hub", <${B}/topics/ha-noi.rss>; rel="self"`);
    expect(await own.text()).toContain(`<atom:link rel="hub" href="${B}/websub"/>`);
  });
});

describe('Atom ids', () => {
  it('stay the same when the service moves to another address', async () => {
    const moved = await stack.replica({ BANTIN_PUBLIC_URL: 'https://moved.example' });
    try {
      const idsAt = async (app: Hono): Promise<string[]> => {
        const feed = parseXml(await (await get('/topics/ha-noi.atom?limit=3', {}, app)).text());
        return [child(feed, 'id').text, ...children(feed, 'entry').map((e) => child(e, 'id').text)];
      };
      const here = await idsAt(r.app);
      expect(here[0]).toMatch(/^tag:/);
      expect(await idsAt(moved.app)).toEqual(here);
      // While the links do move.
      expect(await (await get('/topics/ha-noi.atom?limit=3', {}, moved.app)).text()).toContain('https://moved.example/topics/ha-noi.atom');
    } finally {
      await moved.stop();
    }
  });
});

describe('health and mounts', () => {
  it('answers /healthz, and /readyz from the readiness check', async () => {
    expect((await get('/healthz')).status).toBe(200);
    expect(await (await get('/readyz')).json()).toEqual({ ok: true, checks: { redis: true } });
    const down = await stack.replica({}, false);
    const res = await get('/readyz', {}, down.app);
    expect([res.status, res.headers.get('cache-control')]).toEqual([503, 'no-store']);
    await down.stop();
  });

  it('serves sub-apps mounted by other stages', async () => {
    const ops = new Hono().get('/', (c) => c.json({ sources: 1 }));
    const app = createApp({
      store: stack.store,
      config: testConfig(),
      settings: settingsFor(),
      clock: new ManualClock(0),
      log: silentLogger(),
      ready: async () => ({ ok: true, checks: {} }),
      mounts: [{ path: '/api/sources', app: ops }],
    });
    expect(await (await app.request('/api/sources')).json()).toEqual({ sources: 1 });
    expect((await app.request('/feeds/all.rss')).status).toBe(200);
  });
});
