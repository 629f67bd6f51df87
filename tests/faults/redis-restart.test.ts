/**
 * Redis restarted in the middle of a crawl (tests keep no data, so it comes
 * back empty, like a restart that lost its AOF): the run does not hang, the
 * article that met the outage is counted as failed under a class instead of
 * being thrown out of the run, nothing half-written is left in the store,
 * and the next good run stores every article.
 *
 * Where the outage falls is pinned, not left to timing: one article (of
 * eight, crawled one at a time) meets it either between its fetch and its
 * store call, or while its page is still downloading; the articles after it
 * wait for Redis to be back, so exactly one article meets the outage.
 */
import { once } from 'node:events';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { RedisClient } from '../../src/redis/client.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type SourceConfig } from '../../src/config/index.js';
import type { Article } from '../../src/core/article.js';
import { CorruptRecordError } from '../../src/core/errors.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import type { CrawlEvent } from '../../src/crawl/index.js';
import { createFetcher, type Fetcher } from '../../src/fetch/index.js';
import type { ArticleStore } from '../../src/store/index.js';
import { connectRedis } from '../../src/redis/connect.js';
import { runSource, type RunnerDeps } from '../../src/roles/crawl-runner.js';
import { createCrawlStateStore, createRedisStore, decodeRecord, keys } from '../../src/store/index.js';
import { configFor, ROOT, type ConfigCopy } from '../support/config-copy.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const PREFIX = 'rr';
const TEMPLATE = 'thi-truong-vang-trong-nuoc-tang-manh-phien-dau-tuan.html';
const TITLE = 'Thị trường vàng trong nước tăng mạnh phiên đầu tuần';
/** Synthetic articles on the /do-thi listing, besides the two the fixture site has. */
const EXTRA = 6;
const TOTAL = EXTRA + 2;

let redis: TestRedis;
let site: FixtureSite;
let config: ConfigCopy;
let source: SourceConfig;
let client: Redis;
/** The test's own view of the store, outside the code under test. */
let reader: RedisClient;
let fetcher: Fetcher;
let store: ArticleStore;
let deps: RunnerDeps;
const clock = new ManualClock(Date.parse('2026-11-24T08:00:00+07:00'));

/** The article the outage falls on: third of the six on /do-thi, so articles go before and after it. */
const TARGET = '/bai-so-3.html';
/** Called when the target page is asked for: a scenario holds the answer here to start the outage while it downloads. */
let atTarget: () => Promise<void> = async () => undefined;

/** The /do-thi listing with EXTRA more articles, each the gold-price page under its own URL and title. */
function addArticles(s: FixtureSite): void {
  const paths = Array.from({ length: EXTRA }, (_, i) => `/bai-so-${i + 1}.html`);
  s.route('/do-thi', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html><body><div class="list">${paths.map((p) => `<h3 class="story__title"><a href="${p}">${p}</a></h3>`).join('')}</div></body></html>`);
  });
  paths.forEach((p, i) =>
    s.route(p, async (_req, res, site) => {
      if (p === TARGET) await atTarget();
      const html = (await site.file(TEMPLATE)).replaceAll(`/${TEMPLATE}`, p).replaceAll(TITLE, `${TITLE} (bài ${i + 1})`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    }),
  );
}

/** Every record under the prefix, read raw: each must be a valid Article, and every index entry must have its record. */
async function storedUrls(): Promise<string[]> {
  const k = keys(PREFIX);
  const recordKeys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await reader.scan(cursor, 'MATCH', k.article('*'), 'COUNT', '100');
    recordKeys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  const urls: string[] = [];
  for (const key of recordKeys) {
    // Read raw and decoded by the record codec alone (the store's layout, validated against the Article schema).
    let article: Article | null = null;
    try {
      article = decodeRecord(key, await reader.getBuffer(key));
    } catch (error) {
      if (!(error instanceof CorruptRecordError)) throw error;
    }
    expect(article, `${key} holds a valid Article`).not.toBeNull();
    if (article) urls.push(new URL(article.url).pathname);
  }
  const indexed = await reader.zrange(k.index({ kind: 'all' }), '0', '-1');
  expect(indexed.map((id) => k.article(id)).sort()).toEqual(recordKeys.sort());
  const listed = await store.list({ streams: [{ kind: 'all' }], limit: 100 });
  expect(listed.map((a) => new URL(a.url).pathname).sort()).toEqual(urls.sort());
  return urls.sort();
}

beforeAll(async () => {
  redis = await startTestRedis();
  site = await startFixtureSite(path.join(ROOT, 'tests/fixtures/site'));
  addArticles(site);
  // One article at a time, so the outage falls between known articles.
  config = await configFor(site.origin, [[/concurrency: \d+/, 'concurrency: 1']]);
  const loaded = await loadConfig({ configDir: config.configDir, feedsDir: config.feedsDir });
  source = loaded.sources.find((s) => s.id === 'kinhtedothi') as SourceConfig;
  // The worker's own connection settings: commands give up after a few reconnect attempts instead of waiting forever.
  client = connectRedis(redis.url, 'commands', silentLogger());
  reader = redis.client();
  // Its reconnect attempts while the server is down are expected; a command that fails still rejects.
  reader.on('error', () => undefined);
  fetcher = createFetcher({
    redis: client,
    prefix: PREFIX,
    clock,
    log: silentLogger(),
    userAgent: 'bantin-test',
    allowPrivateNetworks: true,
    politeness: () => source.politeness,
    timeouts: { connectMs: 2_000, totalMs: 5_000 },
    retries: 0,
    maxWaitMs: 1_000,
    sleep: async () => undefined,
  });
  store = createRedisStore({ redis: client, prefix: PREFIX, log: silentLogger() });
  deps = { fetcher, store, clock, log: silentLogger(), crawlState: createCrawlStateStore({ redis: client, prefix: PREFIX }) };
});
afterAll(async () => {
  await fetcher.close();
  await client.quit().catch(() => client.disconnect());
  await site.close();
  await redis.stop();
  await config.remove();
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const pathOf = (url: string): string => new URL(url).pathname;

describe('Redis restarted in the middle of a crawl', () => {
  beforeEach(async () => {
    await redis.flush();
    clock.advance(3600_000);
  });

  it.each<[string, 'store' | 'fetch', string[]]>([
    ['between the fetch and the store call', 'store', ['store-unavailable']],
    // Redis under the fetcher (politeness lease, robots cache, validators) fails the same way as under the store.
    ['while the page downloads', 'fetch', ['store-unavailable']],
  ])('%s: the article is failed by class, nothing broken is stored, the next run recovers', async (_what, where, classes) => {
    const reached = deferred();
    const outage = deferred();
    const back = deferred();
    const hold = async (): Promise<void> => {
      reached.resolve();
      await outage.promise;
    };
    atTarget = where === 'fetch' ? hold : async () => undefined;
    let targetFetched = false;
    let targetDone = false;
    const events: CrawlEvent[] = [];
    const targetFailed = deferred();

    // Same fetcher and store, with the outage placed: the target's store call waits for it, later articles wait it out.
    const placed: RunnerDeps = {
      ...deps,
      fetcher: {
        async fetch(url, opts) {
          if (targetDone) await back.promise;
          const res = await fetcher.fetch(url, opts);
          if (pathOf(url) === TARGET) targetFetched = true;
          return res;
        },
        close: () => fetcher.close(),
      },
      store: {
        ...store,
        async get(id) {
          if (where === 'store' && targetFetched && !targetDone) await hold();
          return store.get(id);
        },
      },
    };
    const onEvent = (e: CrawlEvent): void => {
      events.push(e);
      if (e.type === 'article' && pathOf(e.url) === TARGET) {
        targetDone = true;
        if (e.outcome === 'failed') targetFailed.resolve();
      }
    };

    const run = runSource(source, `run-${where}-1`, placed, { onEvent });
    await reached.promise;
    await redis.restart(async () => {
      outage.resolve();
      // The outage lasts until the target has met it (ioredis gives up on a command after a few reconnect attempts).
      await targetFailed.promise;
    });
    if (client.status !== 'ready') await once(client, 'ready');
    back.resolve();
    const first = await run;
    if (first.kind !== 'ran') throw new Error('expected a run');
    const report = first.report;

    expect(report).toMatchObject({ status: 'partial', discovered: TOTAL, fetched: TOTAL - 1, failed: 1 });
    const [failure, ...more] = Object.entries(report.failures);
    expect(more).toEqual([]);
    expect(failure?.[1]).toBe(1);
    expect(classes).toContain(failure?.[0]);
    const article = (p: string) => events.find((e) => e.type === 'article' && pathOf(e.url) === p);
    expect(article(TARGET)).toMatchObject({ outcome: 'failed', failure: failure?.[0] });

    // What came after the outage is on the fresh server, whole and indexed; the target is not there at all.
    const after = events.slice(events.indexOf(article(TARGET) as CrawlEvent) + 1).map((e) => (e.type === 'article' ? pathOf(e.url) : ''));
    expect(after).toEqual(['/bai-so-4.html', '/bai-so-5.html', '/bai-so-6.html']);
    expect(await storedUrls()).toEqual(after);
    // The run is recorded on the server that came back, with its failure.
    const state = await deps.crawlState.get('kinhtedothi');
    expect(state.lastRun).toMatchObject({ jobId: `run-${where}-1`, status: 'partial', counts: { failed: 1 } });
    expect(state.runningJob).toBeNull();

    clock.advance(15 * 60_000);
    const second = await runSource(source, `run-${where}-2`, deps);
    if (second.kind !== 'ran') throw new Error('expected a run');
    expect(second.report).toMatchObject({ status: 'ok', failed: 0, fetched: TOTAL, new: TOTAL - after.length, unchanged: after.length });
    expect(await storedUrls()).toHaveLength(TOTAL);
    expect(await storedUrls()).toContain(TARGET);
  }, 40_000);
});
