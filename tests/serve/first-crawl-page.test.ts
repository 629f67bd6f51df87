/**
 * The front page while a new install's first crawl runs: it says so, with what each source has found,
 * follows the crawl as articles arrive, and stops saying it once the run is recorded, even though the
 * run's end changes no article (the render cache alone would keep the notice).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createApp, createRenderCache, type Cached } from '../../src/serve/index.js';
import { FIRST_CRAWL_RECHECK_MS } from '../../src/serve/first-crawl.js';
import { createCrawlStateStore, createRedisStore, electFirstCrawl, firstCrawls } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { PREFIX, settingsFor, testConfig } from './harness.js';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const clock = new ManualClock(Date.parse('2026-12-01T09:00:00+07:00'));
let redis: TestRedis;
let stopCache: () => Promise<void>;
/** Resolves once the render cache has taken in the next change message (the stored article reaching every replica). */
let nextChange: () => Promise<void>;
let app: ReturnType<typeof createApp>;
const client = () => redis.client();

beforeAll(async () => {
  redis = await startTestRedis();
  const store = createRedisStore({ redis: client(), prefix: PREFIX, log: silentLogger() });
  const crawlState = createCrawlStateStore({ redis: client(), prefix: PREFIX, clock });
  const cache = createRenderCache<Cached>({ subscriber: client(), prefix: PREFIX, log: silentLogger() });
  await cache.start();
  stopCache = () => cache.stop();
  nextChange = () =>
    new Promise((resolve) => {
      const off = cache.onChange(() => {
        off();
        resolve();
      });
    });
  const config = testConfig();
  app = createApp({
    store,
    config,
    settings: settingsFor(),
    clock,
    log: silentLogger(),
    ready: async () => ({ ok: true, checks: { redis: true } }),
    cache,
    firstCrawls: () => firstCrawls({ redis: client(), prefix: PREFIX, crawlState, store }, config.sources.map((s) => s.id)),
  });
});
afterAll(async () => {
  await stopCache();
  await redis.stop();
});

const front = async (): Promise<string> => {
  const res = await app.request('/', { headers: { accept: BROWSER } });
  expect(res.status).toBe(200);
  return res.text();
};
const NOTICE = 'Đang lấy tin lần đầu';

it('says a first crawl is running and what it found, then says nothing once its run is recorded', async () => {
  expect(await front()).not.toContain(NOTICE);
  // The quiet answer is reused for a while: a crawl elected now shows once that has passed.
  expect(await electFirstCrawl({ redis: client(), prefix: PREFIX, clock }, 'kinhtedothi')).toBe(true);
  const store = createRedisStore({ redis: client(), prefix: PREFIX, log: silentLogger() });
  const seen = nextChange();
  await store.upsert(makeArticle(1));
  await seen;
  // Inside the quiet window the page comes from the render cache, which never carries the notice: a cached
  // notice would outlive the crawl.
  const quiet = await front();
  expect(quiet).toContain(makeArticle(1).title);
  expect(quiet).not.toContain(NOTICE);
  clock.advance(FIRST_CRAWL_RECHECK_MS);

  const during = await front();
  expect(during).toContain(NOTICE);
  expect(during).toContain('Kinh tế &amp; Đô thị: 1 bài');

  const seen2 = nextChange();
  await store.upsert(makeArticle(2));
  await seen2;
  expect(await front()).toContain('Kinh tế &amp; Đô thị: 2 bài');

  const crawlState = createCrawlStateStore({ redis: client(), prefix: PREFIX, clock });
  await crawlState.recordRun('kinhtedothi', { jobId: 'run-1', status: 'ok', reason: null, startedAt: clock.now(), finishedAt: clock.now(), counts: {} });
  const after = await front();
  expect(after).not.toContain(NOTICE);
  expect(after).toContain(makeArticle(2).title);
});
