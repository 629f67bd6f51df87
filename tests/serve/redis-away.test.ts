/**
 * Serving while Redis is away: a feed that was rendered before is still
 * served, byte for byte (a reader's poll gets the last feed, not an error);
 * anything that would need the store answers 503 problem+json with
 * Retry-After, never a bare 500 and never cached.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { serveStack } from './harness.js';

let redis: TestRedis;
let commands: Redis;

beforeAll(async () => {
  redis = await startTestRedis();
  // As the serve role connects: a command fails after a few reconnect attempts instead of waiting for Redis forever.
  commands = new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  commands.on('error', () => undefined);
});
afterAll(async () => {
  commands.disconnect();
  await redis.stop();
});

it('serves the last render of a feed while Redis is away, and 503 with Retry-After for what it cannot', async () => {
  const stack = serveStack(redis, { client: commands });
  for (let n = 1; n <= 5; n++) await stack.store.upsert(makeArticle(n));
  const { app, subscriber, stop } = await stack.replica();
  try {
    const before = await app.request('/topics/ha-noi.atom');
    expect(before.status).toBe(200);
    const etag = before.headers.get('etag');
    const body = await before.text();

    await redis.restart(async () => {
      // The subscriber has seen the connection go: nothing cached is trusted as current any more.
      await expect.poll(() => subscriber.status, { timeout: 5000, interval: 50 }).not.toBe('ready');

      const stale = await app.request('/topics/ha-noi.atom');
      expect(stale.status).toBe(200);
      expect(stale.headers.get('etag')).toBe(etag);
      expect(await stale.text()).toBe(body);
      // Conditional polls still work against it.
      expect((await app.request('/topics/ha-noi.atom', { headers: { 'if-none-match': etag ?? '' } })).status).toBe(304);

      for (const path of ['/topics/ha-noi.json', '/feeds/all.rss', '/', '/api/topics']) {
        const res = await app.request(path);
        expect(res.status, path).toBe(503);
        expect(res.headers.get('content-type'), path).toBe('application/problem+json; charset=utf-8');
        expect(res.headers.get('retry-after'), path).toBe('10');
        expect(res.headers.get('cache-control'), path).toBe('no-store');
        expect(((await res.json()) as { detail: string }).detail, path).toBe('the article store is unavailable; try again shortly');
      }
    });
  } finally {
    await stop();
  }
}, 30_000);
