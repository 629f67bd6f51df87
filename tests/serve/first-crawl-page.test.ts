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
let app: ReturnType<typeof createApp>;
const client = () => redis.client();

beforeAll(async () => {
  redis = await startTestRedis();
  const store = createRedisStore({ redis: client(), prefix: PREFIX, log: silentLogger() });
  const crawlState = createCrawlStateStore({ redis: client(), prefix: PREFIX, clock });
  const cache = createRenderCache<Cached>({ subscriber: client(), prefix: PREFIX, log: silentLogger() });
  await cache.start();
  stopCache = () => cache.stop();
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
  expect(await front()).not.toContain(NOTICE);
  clock.advance(FIRST_CRAWL_RECHECK_MS);

  const store = createRedisStore({ redis: client(), prefix: PREFIX, log: silentLogger() });
  await store.upsert(makeArticle(1));
  const during = await front();
  expect(during).toContain(NOTICE);
  expect(during).toContain('Kinh tế &amp; Đô thị: 1 bài');

  await store.upsert(makeArticle(2));
  expect(await front()).toContain('Kinh tế &amp; Đô thị: 2 bài');

  const crawlState = createCrawlStateStore({ redis: client(), prefix: PREFIX, clock });
  await crawlState.recordRun('kinhtedothi', { jobId: 'run-1', status: 'ok', reason: null, startedAt: clock.now(), finishedAt: clock.now(), counts: {} });
  const after = await front();
  expect(after).not.toContain(NOTICE);
  expect(after).toContain(makeArticle(2).title);
});
