/**
 * Query parameters a feed does not read cost nothing: `?utm_x=N` for 5,000
 * values of N is one render and one cache entry, and the process's memory
 * stays where it was; the parameters are dropped (not refused: readers and
 * newsletters append utm_ tags) and the self link is the feed's own. The
 * cache is bounded in bytes (RENDER_CACHE_MAX_MB) whatever the keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSettings } from '../../src/config/index.js';
import { ConfigError } from '../../src/core/errors.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createApp, createRenderCache, type Cached } from '../../src/serve/index.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { PREFIX, serveStack, settingsFor, testConfig, type Replica, type ServeStack } from './harness.js';

let redis: TestRedis;
let stack: ServeStack;
let r: Replica;
const MB = 1024 * 1024;
/** As a feed reader asks. */
const READER = { 'accept-encoding': 'br, gzip' };

/** About 6 KB of text that does not repeat, so each render is a few hundred KB before compression. */
function body(n: number): string {
  const words = Array.from({ length: 900 }, (_, i) => `từ${(n * 7919 + i * 104729) % 100_003}`);
  return `<p>${words.join(' ')}</p>`;
}

beforeAll(async () => {
  redis = await startTestRedis();
  stack = serveStack(redis);
  for (let n = 1; n <= 30; n++) {
    const html = body(n);
    await stack.store.upsert(makeArticle(n, { contentHtml: html, contentText: html.slice(3, -4) }));
  }
  r = await stack.replica();
});
afterAll(async () => {
  await r.stop();
  await redis.stop();
});

describe('unknown query parameters', () => {
  it('5,000 distinct junk parameters: one render, one entry, RSS within 100 MB of where it started', async () => {
    const plain = await r.app.request('/topics/ha-noi.rss', { headers: READER });
    expect(plain.status).toBe(200);
    const etag = plain.headers.get('etag');
    expect(Number(plain.headers.get('content-length'))).toBeGreaterThan(20_000);
    await plain.arrayBuffer();
    const renders = r.cache.stats().renders;
    const start = process.memoryUsage().rss;
    let peak = start;
    const etags = new Set<string | null>();
    for (let i = 0; i < 5000; i += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, (_, j) => r.app.request(`/topics/ha-noi.rss?utm_x=${i + j}`, { headers: READER })));
      for (const res of batch) {
        expect(res.status).toBe(200);
        etags.add(res.headers.get('etag'));
        await res.arrayBuffer();
      }
      peak = Math.max(peak, process.memoryUsage().rss);
      // Fails at the first batch past the bound, rather than after rendering all 5,000.
      expect((peak - start) / MB, `RSS growth after ${i + 50} requests`).toBeLessThan(100);
    }
    expect([...etags]).toEqual([etag]);
    expect(r.cache.stats().renders - renders).toBe(0);
    expect(r.cache.stats().entries).toBe(1);
    console.error(`5,000 junk parameters: RSS ${(start / MB).toFixed(0)} → peak ${(peak / MB).toFixed(0)} MB; cache ${r.cache.stats().entries} entry, ${(r.cache.stats().bytes / MB).toFixed(2)} MB`);
  }, 120_000);

  it('names the feed as read in its self link, the junk left out, and shares its ETag', async () => {
    const clean = await r.app.request('/topics/ha-noi.rss?limit=5&mode=summary');
    const junk = await r.app.request('/topics/ha-noi.rss?utm_source=newsletter&mode=summary&fbclid=x1&limit=5');
    expect(junk.headers.get('etag')).toBe(clean.headers.get('etag'));
    expect(junk.headers.get('link')).toContain('<https://bantin.example/topics/ha-noi.rss?limit=5&mode=summary>; rel="self"');
    expect(junk.headers.get('link')).not.toContain('utm_source');
    expect(await junk.text()).toBe(await clean.text());
  });

  it('still answers a bad value of a parameter it reads with a 400 naming it', async () => {
    const res = await r.app.request('/topics/ha-noi.rss?utm_x=1&limit=0');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { param: string }).param).toBe('limit');
  });
});

describe('the render cache bound in bytes', () => {
  it('holds distinct renders up to maxBytes, the least recently used out first', async () => {
    const maxBytes = 2 * MB;
    const cache = createRenderCache<Cached>({ subscriber: redis.client(), prefix: PREFIX, log: silentLogger(), maxBytes });
    await cache.start();
    const app = createApp({
      store: stack.store,
      config: testConfig(),
      settings: settingsFor(),
      clock: new ManualClock(Date.parse('2026-02-01T00:00:00+07:00')),
      log: silentLogger(),
      ready: async () => ({ ok: true, checks: {} }),
      cache,
    });
    try {
      // Each a different archive cursor, so each a rightful entry of its own (all 30 articles, a few hundred KB).
      const page = (n: number): string => `/topics/ha-noi.rss?before=${9e14 + n}-zzzzzzzzzzzzzzzz`;
      for (let n = 1; n <= 40; n++) {
        expect((await app.request(page(n))).status).toBe(200);
        expect(cache.stats().bytes).toBeLessThanOrEqual(maxBytes);
      }
      const s = cache.stats();
      expect(s.evictions).toBeGreaterThan(0);
      expect(s.entries).toBeLessThan(40);
      // The newest is still there; the first went first.
      const renders = s.renders;
      await app.request(page(40));
      expect(cache.stats().renders).toBe(renders);
      await app.request(page(1));
      expect(cache.stats().renders).toBe(renders + 1);
    } finally {
      await cache.stop();
    }
  });

  it('takes its bound from RENDER_CACHE_MAX_MB: 256 by default, a whole number of MiB', () => {
    expect(readSettings({}).RENDER_CACHE_MAX_MB).toBe(256);
    expect(readSettings({ RENDER_CACHE_MAX_MB: '64' }).RENDER_CACHE_MAX_MB).toBe(64);
    for (const bad of ['0', '-1', '1.5', 'lots']) expect(() => readSettings({ RENDER_CACHE_MAX_MB: bad }), bad).toThrow(ConfigError);
  });
});
