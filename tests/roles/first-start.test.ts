/**
 * First start: a scheduler starting on a store with nothing of a source crawls it at once, exactly once
 * across schedulers; a source with articles, or whose first run is going or done, is left to its cron.
 * While the first crawl runs, the front page's data says since when and what it found.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config/index.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createCrawlQueue, type CrawlQueue } from '../../src/queue/index.js';
import { enqueueFirstCrawls, type FirstStartDeps } from '../../src/roles/first-start.js';
import { firstCrawlNotice } from '../../src/serve/first-crawl.js';
import { createCrawlStateStore, createRedisStore, firstCrawls, keys } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const prefix = 'fs';
const SOURCES = [{ id: 'kinhtedothi' }, { id: 'phapluatxahoi' }];
const LEASE = { ttlMs: 60_000, renewMs: 15_000 };
const clock = new ManualClock(Date.parse('2026-12-01T09:00:00+07:00'));

let redis: TestRedis;
const queues: CrawlQueue[] = [];
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  await Promise.all(queues.map((q) => q.close()));
  await redis.stop();
});
beforeEach(async () => redis.flush());

/** What one scheduler process has: its own connections, queue and stores. */
function scheduler(): FirstStartDeps {
  const client = redis.client();
  const queue = createCrawlQueue({ connection: redis.client(), prefix: keys(prefix).queuePrefix, clock, log: silentLogger() });
  queues.push(queue);
  return {
    sources: SOURCES,
    redis: client,
    prefix,
    clock,
    crawlState: createCrawlStateStore({ redis: client, prefix, clock }),
    store: createRedisStore({ redis: client, prefix, log: silentLogger() }),
    queue,
    log: silentLogger(),
  };
}

const crawlState = () => createCrawlStateStore({ redis: redis.client(), prefix, clock });

async function runsEnqueued(): Promise<{ sourceId: string; trigger: string }[]> {
  const jobs = await (queues[0] as CrawlQueue).queue.getJobs(['waiting', 'delayed', 'prioritized', 'active']);
  return jobs.map((j) => ({ sourceId: (j.data as { sourceId: string }).sourceId, trigger: (j.data as { trigger: string }).trigger })).sort((a, b) => a.sourceId.localeCompare(b.sourceId));
}

describe('first start', () => {
  it('enqueues one run per source when two schedulers start on an empty store', async () => {
    const [a, b] = [scheduler(), scheduler()];
    const [fromA, fromB] = await Promise.all([enqueueFirstCrawls(a), enqueueFirstCrawls(b)]);
    expect([...fromA, ...fromB].sort()).toEqual(['kinhtedothi', 'phapluatxahoi']);
    expect(await runsEnqueued()).toEqual([
      { sourceId: 'kinhtedothi', trigger: 'first-start' },
      { sourceId: 'phapluatxahoi', trigger: 'first-start' },
    ]);
  });

  it('leaves a source with articles stored to its cron', async () => {
    const s = scheduler();
    await createRedisStore({ redis: redis.client(), prefix, log: silentLogger() }).upsert(makeArticle(1));
    expect(await enqueueFirstCrawls(s)).toEqual(['phapluatxahoi']);
    expect((await runsEnqueued()).map((r) => r.sourceId)).toEqual(['phapluatxahoi']);
  });

  it('starts no second run when a scheduler restarts while the first one runs, or after it ran', async () => {
    const first = scheduler();
    expect(await enqueueFirstCrawls(first)).toHaveLength(2);
    // A worker takes kinhtedothi's run; phapluatxahoi's still waits in the queue.
    await crawlState().lockRun('kinhtedothi', 'run-1', LEASE);
    expect(await enqueueFirstCrawls(scheduler())).toEqual([]);

    // Even once the election's lease is gone: the run going, or the run recorded, says the source has run.
    await redis.client().del(keys(prefix).scheduleSlot('first-start:kinhtedothi'), keys(prefix).scheduleSlot('first-start:phapluatxahoi'));
    await crawlState().recordRun('phapluatxahoi', { jobId: 'run-2', status: 'failed', reason: 'fetch', startedAt: clock.now(), finishedAt: clock.now(), counts: {} });
    expect(await enqueueFirstCrawls(scheduler())).toEqual([]);
    expect(await runsEnqueued()).toHaveLength(2);
  });

  it('gives the election back when the run cannot be enqueued, and still enqueues the other sources', async () => {
    const s = scheduler();
    const failing: FirstStartDeps = {
      ...s,
      queue: {
        enqueueRun: async (run) => {
          if (run.sourceId === 'kinhtedothi') throw new Error('queue unavailable');
          return s.queue.enqueueRun(run);
        },
      },
    };
    expect(await enqueueFirstCrawls(failing)).toEqual(['phapluatxahoi']);
    const deps = { redis: redis.client(), prefix, crawlState: s.crawlState, store: createRedisStore({ redis: redis.client(), prefix, log: silentLogger() }) };
    // Nothing runs for kinhtedothi, so the front page must not say it does; the next scheduler start tries again.
    expect((await firstCrawls(deps, ['kinhtedothi', 'phapluatxahoi'])).map((c) => c.sourceId)).toEqual(['phapluatxahoi']);
    expect(await enqueueFirstCrawls(scheduler())).toEqual(['kinhtedothi']);
  });

  it("gives the front page the first crawl's start and what it has found, until its run is recorded", async () => {
    const s = scheduler();
    await enqueueFirstCrawls(s);
    const store = createRedisStore({ redis: redis.client(), prefix, log: silentLogger() });
    await store.upsert(makeArticle(1));
    await store.upsert(makeArticle(2));
    const deps = { redis: redis.client(), prefix, crawlState: s.crawlState, store };
    const config = { sources: [{ id: 'kinhtedothi', name: 'Kinh tế & Đô thị' }, { id: 'phapluatxahoi', name: 'Pháp luật & Xã hội' }] } as unknown as AppConfig;
    const notice = firstCrawlNotice(config, await firstCrawls(deps, SOURCES.map((x) => x.id)));
    expect(notice).toEqual({
      since: '2026-12-01T09:00:00+07:00',
      found: 2,
      sources: [
        { id: 'kinhtedothi', name: 'Kinh tế & Đô thị', found: 2 },
        { id: 'phapluatxahoi', name: 'Pháp luật & Xã hội', found: 0 },
      ],
    });
    for (const id of ['kinhtedothi', 'phapluatxahoi']) {
      await crawlState().recordRun(id, { jobId: `run-${id}`, status: 'ok', reason: null, startedAt: clock.now(), finishedAt: clock.now(), counts: {} });
    }
    expect(firstCrawlNotice(config, await firstCrawls(deps, SOURCES.map((x) => x.id)))).toBeNull();
  });
});
