/**
 * The feeds a queued run pings at its end (finishQueuedRun): with no curated feed that names an author
 * or keyword it reads only each changed record's header, and pings exactly the feeds the whole stored
 * articles are in; with one, it reads them whole, and that feed is pinged for what it takes in. Unchanged
 * and failed articles ping nothing, and an article that is gone by then is left out.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config/index.js';
import type { Article } from '../../src/core/article.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import type { Fetcher } from '../../src/fetch/index.js';
import type { ArticleJobResult } from '../../src/queue/index.js';
import { finishQueuedRun, type RunnerDeps } from '../../src/roles/crawl-runner.js';
import { createCrawlStateStore, createRedisStore, type ArticleStore } from '../../src/store/index.js';
import { affectedFeedUrls, wholeArticlesNeeded, type ChangedArticle } from '../../src/websub/index.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { testConfig } from '../serve/harness.js';

const BASE = 'https://b.example';
let redis: TestRedis;
let store: ArticleStore;
const clock = new ManualClock(Date.parse('2026-02-01T00:00:00+07:00'));
// A run's end fetches nothing.
const fetcher: Fetcher = { fetch: () => Promise.reject(new Error('fetched at the end of a run')), close: async () => undefined };

const hanoi = makeArticle(1);
const market = makeArticle(2, { topics: ['thi-truong'], section: null, category: { name: 'Kinh tế', slug: 'kinh-te' } });
const copy = makeArticle(3, { topics: ['giao-thong'], title: 'Giá vàng và đường sắt', authors: ['PV'] });
const untouched = makeArticle(4, { topics: ['chung-khoan'], section: null });
const children: ArticleJobResult[] = [
  { outcome: 'new', articleId: hanoi.id },
  { outcome: 'updated', articleId: market.id },
  { outcome: 'new', articleId: copy.id },
  { outcome: 'unchanged', articleId: untouched.id },
  { outcome: 'failed', failure: 'http-status', message: '404' },
  // Stored by its job, removed (retention, by hand) before the run's end.
  { outcome: 'new', articleId: makeArticle(5).id },
];

beforeAll(async () => {
  redis = await startTestRedis();
  store = createRedisStore({ redis: redis.client(), prefix: 'runend', log: silentLogger() });
});
afterAll(async () => redis.stop());
beforeEach(async () => {
  await redis.flush();
  for (const a of [hanoi, market, copy, untouched]) await store.upsert(a);
});

/** The URLs a run's end pings, as the worker wires it: whole articles only when the feeds need them. */
async function pinged(config: AppConfig): Promise<string[]> {
  const changed: ChangedArticle[][] = [];
  const deps: RunnerDeps = {
    fetcher,
    store,
    clock,
    log: silentLogger(),
    crawlState: createCrawlStateStore({ redis: redis.client(), prefix: 'runend', clock }),
    onChanged: (articles) => changed.push(articles),
    onChangedWhole: wholeArticlesNeeded(config),
  };
  const source = config.sources[0];
  if (source === undefined) throw new Error('no source in the test config');
  await finishQueuedRun(source, 'run-1', { startedAt: clock.now(), discovered: 6, discoveryFailures: [], planned: 6 }, children, deps);
  expect(changed).toHaveLength(1);
  return affectedFeedUrls(config, BASE, changed[0] ?? []);
}

/** What a run's end pinged before it read headers: the feeds of the changed articles, each read back whole. */
async function pingedWhole(config: AppConfig): Promise<string[]> {
  const whole = await Promise.all([hanoi, market, copy].map((a) => store.get(a.id)));
  return affectedFeedUrls(config, BASE, whole.filter((a): a is Article => a !== null));
}

describe('the feeds pinged at the end of a queued run', () => {
  it('without author or keyword feeds: from the headers, the feeds of the whole articles', async () => {
    const config = testConfig([{ slug: 'khong-ttck', title: 'T', description: 'D', include: 'all', exclude: { topics: ['thi-truong'] } }]);
    expect(wholeArticlesNeeded(config)).toBe(false);
    const urls = await pinged(config);
    expect(urls).toEqual(await pingedWhole(config));
    expect(urls).toContain(`${BASE}/topics/giao-thong.atom`);
    expect(urls).toContain(`${BASE}/feeds/khong-ttck`);
    expect(urls).not.toContain(`${BASE}/topics/chung-khoan`);
  });

  it('with a feed by keyword and one by byline: whole, and those feeds for what they take in', async () => {
    const config = testConfig([
      { slug: 'gia-vang', title: 'T', description: 'D', include: { keywords: ['giá vàng'] } },
      { slug: 'khong-pv', title: 'T', description: 'D', include: 'all', exclude: { authors: ['PV'] } },
    ]);
    expect(wholeArticlesNeeded(config)).toBe(true);
    const urls = await pinged(config);
    expect(urls).toEqual(await pingedWhole(config));
    expect(urls).toContain(`${BASE}/feeds/gia-vang.rss`);
    // Pinged for the two articles without PV's byline; only the one with it is about gold.
    expect(urls).toContain(`${BASE}/feeds/khong-pv`);
    expect(affectedFeedUrls(config, BASE, [copy])).not.toContain(`${BASE}/feeds/khong-pv`);
  });
});
