/** An empty feed is dated when it was first asked for, the same on every replica and after a restart: never 1970. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createApp } from '../../src/serve/index.js';
import { createFeedEpochs, createRedisStore } from '../../src/store/index.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { PREFIX, settingsFor, testConfig } from './harness.js';

let redis: TestRedis;

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis.stop());

/** A serve replica whose clock reads `at`. */
function replica(at: string) {
  const client = redis.client();
  return createApp({
    store: createRedisStore({ redis: client, prefix: PREFIX, log: silentLogger() }),
    epochs: createFeedEpochs({ redis: client, prefix: PREFIX }),
    config: testConfig(),
    settings: settingsFor(),
    clock: new ManualClock(Date.parse(at)),
    log: silentLogger(),
    ready: async () => ({ ok: true, checks: {} }),
  });
}

describe('an empty feed', () => {
  it('carries the date it was first asked for in RSS, Atom and Last-Modified, the same from a later replica', async () => {
    const first = replica('2026-03-02T09:15:00+07:00');
    const rss = await first.request('/categories/the-thao.rss');
    expect(rss.status).toBe(200);
    expect(await rss.text()).toContain('<lastBuildDate>Mon, 02 Mar 2026 09:15:00 +0700</lastBuildDate>');
    expect(rss.headers.get('last-modified')).toBe('Mon, 02 Mar 2026 02:15:00 GMT');

    // Another replica, a day later: the same date, so the same bytes and ETag.
    const later = replica('2026-03-03T10:00:00+07:00');
    const again = await later.request('/categories/the-thao.rss');
    expect(again.headers.get('etag')).toBe(rss.headers.get('etag'));
    expect(await (await later.request('/categories/the-thao.atom')).text()).toContain('<updated>2026-03-02T09:15:00+07:00</updated>');
  });
});
