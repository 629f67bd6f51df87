/**
 * Jobs as operators see them: a duplicate enqueue of a slot is a no-op, an
 * overlapping run is skipped and the skip recorded, and a failed run's job
 * keeps its counts and failure classes for `GET /jobs`.
 */
import { NO_HINTS } from '../../src/core/hints.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/core/log.js';
import { summarize, type CrawlReport } from '../../src/crawl/index.js';
import { createCrawlWorker, RUN_JOB, RUN_JOB_OPTIONS } from '../../src/queue/index.js';
import { runSource } from '../../src/roles/crawl-runner.js';
import type { SourceConfig } from '../../src/config/index.js';
import { keys } from '../../src/store/keys.js';
import { NOW, PREFIX, startOpsHarness, type OpsHarness } from './harness.js';

let h: OpsHarness;
beforeAll(async () => {
  h = await startOpsHarness();
});
afterAll(async () => h.stop());
beforeEach(async () => h.reset());

describe('queue and run lock', () => {
  it('enqueuing the same slot twice leaves one job', async () => {
    const slot = '2026-03-02T01:15:00.000Z';
    const a = await h.queue.enqueueRun({ sourceId: 'kinhtedothi', slot, trigger: 'schedule', pages: null });
    const b = await h.queue.enqueueRun({ sourceId: 'kinhtedothi', slot, trigger: 'schedule', pages: null });
    expect(b).toBe(a);
    expect(await h.queue.queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('a run of a source whose previous run holds the lock is skipped, and the skip recorded', async () => {
    expect(await h.crawlState.lockRun('kinhtedothi', 'first-job', { ttlMs: 60_000, renewMs: 15_000 })).toBe(true);
    const source = h.config.sources.find((s) => s.id === 'kinhtedothi') as SourceConfig;
    const outcome = await runSource(source, 'second-job', {
      fetcher: { fetch: () => Promise.reject(new Error('must not fetch')), close: async () => undefined },
      store: h.store,
      clock: h.clock,
      log: silentLogger(),
      crawlState: h.crawlState,
    });
    expect(outcome).toEqual({ kind: 'overlap', runningJob: 'first-job' });
    const view = await h.ops.source('kinhtedothi');
    expect(view.skips).toEqual({ overlap: 1 });
    expect(view.runningJob).toBe('first-job');
  });
});

describe('a failed run in the queue', () => {
  it('keeps its counts and failure classes, shown by GET /jobs and /jobs/{id}', async () => {
    const report: CrawlReport = {
      sourceId: 'kinhtedothi',
      startedAt: NOW,
      finishedAt: NOW + 4_000,
      status: 'failed',
      reason: 'all 3 articles failed: timeout×2, http-5xx×1',
      discovered: 3,
      fetched: 0,
      new: 0,
      updated: 0,
      unchanged: 0,
      failed: 3,
      failures: { timeout: 2, 'http-5xx': 1 },
    };
    const lines: string[] = [];
    const worker = createCrawlWorker({
      connection: h.redis.client(),
      prefix: keys(PREFIX).queuePrefix,
      concurrency: 1,
      log: createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } }),
      clock: h.clock,
      lockDurationMs: 30_000,
      startRun: async () => ({ kind: 'done', result: { summary: summarize(report), failed: true, reason: report.reason ?? undefined } }),
      finishRun: () => Promise.reject(new Error('a run with no articles has no second step')),
      runArticle: () => Promise.reject(new Error('no articles in this run')),
    });
    void worker.run();
    try {
      const { jobId } = await h.ops.crawl('kinhtedothi');
      // A failed run is not retried by the queue (the schedule's backoff decides when to try again): it stays failed, on record.
      await expect.poll(async () => (await h.ops.job(jobId)).state, { timeout: 10_000, interval: 50 }).toBe('failed');
      const res = await h.call('GET', '/jobs?state=failed&source=kinhtedothi');
      const { jobs } = (await res.json()) as { jobs: { id: string; status: string; counts: Record<string, number>; failures: Record<string, number>; error: string; durationMs: number }[] };
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({
        id: jobId,
        status: 'failed',
        counts: { discovered: 3, fetched: 0, new: 0, updated: 0, unchanged: 0, failed: 3 },
        failures: { timeout: 2, 'http-5xx': 1 },
        error: report.reason,
        durationMs: 4_000,
      });
      // The operator's one log line for the outcome: source, job id, counts, failure classes, duration.
      const outcome = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.jobId === jobId);
      expect(outcome).toHaveLength(1);
      expect(outcome[0]).toMatchObject({
        level: 40,
        msg: `crawl run failed: ${report.reason ?? ''}`,
        source: 'kinhtedothi',
        status: 'failed',
        discovered: 3,
        failed: 3,
        'failures.timeout': 2,
        'failures.http-5xx': 1,
      });
      expect(outcome[0]?.durationMs).toEqual(expect.any(Number));
    } finally {
      await worker.close(true);
    }
  });
});

describe('a run whose articles are being crawled', () => {
  it('is listed, as waiting-children, by GET /jobs and the state filter', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const worker = createCrawlWorker({
      connection: h.redis.client(),
      prefix: keys(PREFIX).queuePrefix,
      concurrency: 2,
      log: silentLogger(),
      clock: h.clock,
      lockDurationMs: 30_000,
      startRun: async () => ({
        kind: 'children',
        memo: { startedAt: NOW, discovered: 1, discoveryFailures: [], planned: 1 },
        articles: [{ jobId: 'article-held', data: { sourceId: 'kinhtedothi', url: 'https://kinhtedothi.vn/a-1.html', events: [], hints: NO_HINTS } }],
      }),
      finishRun: async () => ({ summary: { status: 'ok' }, failed: false }),
      runArticle: async () => {
        await released;
        return { outcome: 'unchanged', articleId: '0123456789abcdef' };
      },
    });
    void worker.run();
    try {
      const { jobId } = await h.ops.crawl('kinhtedothi');
      await expect.poll(async () => (await h.ops.job(jobId)).state, { timeout: 10_000, interval: 50 }).toBe('waiting-children');
      for (const query of ['/jobs', '/jobs?state=waiting-children']) {
        const { jobs } = (await (await h.call('GET', query)).json()) as { jobs: { id: string; state: string }[] };
        expect(jobs.map((j) => [j.id, j.state]), query).toEqual([[jobId, 'waiting-children']]);
      }
      release();
      await expect.poll(async () => (await h.ops.job(jobId)).state, { timeout: 10_000, interval: 50 }).toBe('completed');
    } finally {
      release();
      await worker.close(true);
    }
  });
});

describe('a run job whose payload does not parse', () => {
  it('fails on its first attempt, not after three', async () => {
    const worker = createCrawlWorker({
      connection: h.redis.client(),
      prefix: keys(PREFIX).queuePrefix,
      concurrency: 1,
      log: silentLogger(),
      clock: h.clock,
      lockDurationMs: 30_000,
      startRun: () => Promise.reject(new Error('must not start a run it cannot read')),
      finishRun: () => Promise.reject(new Error('no second step')),
      runArticle: () => Promise.reject(new Error('no articles')),
    });
    void worker.run();
    try {
      await h.queue.queue.add(RUN_JOB, { source: 'kinhtedothi' }, { ...RUN_JOB_OPTIONS, jobId: 'bad-payload' });
      await expect.poll(async () => h.queue.queue.getJobState('bad-payload'), { timeout: 10_000, interval: 50 }).toBe('failed');
      const job = await h.queue.queue.getJob('bad-payload');
      expect(job?.attemptsMade).toBe(1);
      expect(job?.failedReason).toMatch(/^job bad-payload has an invalid payload: /);
    } finally {
      await worker.close(true);
    }
  });
});
