/**
 * The worker role: takes source runs and article jobs off the queue. A run
 * is planned here and its articles become child jobs that any worker may
 * take; the run is reported when they are all done. On SIGTERM it stops
 * taking jobs and gives in-flight ones until the deadline; a job still
 * running then goes back to the queue for another worker, which stores
 * nothing twice because every write is an upsert.
 */
import v8 from 'node:v8';
import { BantinError } from '../core/errors.js';
import type { CrawlReport } from '../crawl/index.js';
import type * as CrawlRunner from './crawl-runner.js';
import { createCrawlWorker, createInFlightJobs, type RunResult } from '../queue/index.js';
import { createCrawlStateStore, createProfileDriftStore, createRedisStore, keys } from '../store/index.js';
import type { SourceConfig } from '../config/index.js';
import { leaseTimes, retentionDue } from '../config/index.js';
import { isoToMs } from '../core/time.js';
import type { Context } from './context.js';
import type { RunnerDeps } from './crawl-runner.js';
import { within } from '../core/within.js';
import type { Abandoned, RoleHandle } from './role.js';
import { ABANDON_GRACE_MS } from './shutdown.js';
import { buildPublisher } from './publisher.js';

/** A job names a source this worker's config does not have (workers deployed with different configs). */
export class UnknownSourceError extends BantinError {
  readonly kind = 'unknown-source';
}

/** How long WebSub pings queued by the last runs get to go out on shutdown. */
const PUBLISH_GRACE_MS = 2000;

/** What a job runs with, built by the first job that needs it. */
interface Pipeline {
  runner: typeof CrawlRunner;
  summarize(report: CrawlReport): RunResult['summary'];
  deps: RunnerDeps;
}

export async function startWorker(ctx: Context): Promise<RoleHandle> {
  // Read by V8 at every full GC, so set now it holds for the whole process (bench:ingest, 16 at once: peak RSS 270–329 → 221–230 MB, CPU per article +3%).
  const growth = ctx.settings.WORKER_HEAP_GROWTH_PERCENT;
  if (growth > 0) v8.setFlagsFromString(`--heap-growing-percent=${growth}`);
  const prefix = ctx.settings.BANTIN_REDIS_PREFIX;
  const redis = ctx.connect('commands');
  const log = ctx.log.child({ role: 'worker' });
  const store = createRedisStore({ redis, prefix, log });
  const crawlState = createCrawlStateStore({ redis, prefix, clock: ctx.clock });
  const publisher = buildPublisher(ctx, { deliver: true });
  const sources = new Map(ctx.config.sources.map((s) => [s.id, s]));
  const common: Omit<RunnerDeps, 'fetcher'> = {
    store,
    clock: ctx.clock,
    log,
    crawlState,
    metrics: ctx.metrics,
    drift: createProfileDriftStore({ redis, prefix }),
    onChanged: (articles) => publisher.changed(articles),
    onChangedWhole: publisher.wholeArticles,
    lease: leaseTimes(ctx.settings),
    retention: (source, article) => retentionDue(source, ctx.settings, isoToMs(article.publishedAt), ctx.clock.now()),
  };
  // The crawl stack (extract, normalize, cheerio, the HTTP client) loads with the first job, not at start:
  // a worker waiting for work holds none of it (bench:idle).
  let loading: Promise<Pipeline> | null = null;
  const pipeline = (): Promise<Pipeline> =>
    (loading ??= Promise.all([import('./crawl-runner.js'), import('../crawl/index.js'), import('./fetcher.js')]).then(([runner, crawl, fetch]) => ({
      runner,
      summarize: crawl.summarize,
      deps: { ...common, fetcher: fetch.buildFetcher(ctx, redis) },
    })));
  const closeFetcher = async (options?: { abort: boolean }): Promise<void> => {
    // A pipeline that failed to load has no fetcher to close; that failure was each job's own.
    const loaded = await loading?.catch(() => null);
    await loaded?.deps.fetcher.close(options);
  };

  const sourceOf = (id: string): SourceConfig => {
    const source = sources.get(id);
    // A job for a source this worker does not know is a deployment mismatch: fail it loudly, do not guess.
    if (!source) throw new UnknownSourceError(`no source "${id}" in this worker's config`);
    return source;
  };
  const reported = (report: CrawlReport, { summarize }: Pipeline): RunResult => {
    ctx.metrics.jobFinished(report.sourceId, report.status, report.finishedAt - report.startedAt);
    return { summary: summarize(report), failed: report.status === 'failed', reason: report.reason ?? undefined };
  };

  const inFlight = createInFlightJobs();
  const worker = createCrawlWorker({
    inFlight,
    connection: ctx.connect('queue'),
    prefix: keys(prefix).queuePrefix,
    concurrency: ctx.settings.WORKER_CONCURRENCY,
    log,
    clock: ctx.clock,
    lockDurationMs: ctx.settings.QUEUE_LOCK_MS,
    async startRun(job, { jobId }) {
      const source = sourceOf(job.sourceId);
      const p = await pipeline();
      const start = await p.runner.startQueuedRun(source, jobId, job, p.deps);
      switch (start.kind) {
        case 'overlap':
          ctx.metrics.jobFinished(job.sourceId, 'skipped', 0);
          return { kind: 'done', result: { summary: { status: 'skipped', reason: `overlap with ${start.runningJob ?? 'a running job'}` }, failed: false } };
        case 'finished':
          return { kind: 'done', result: reported(start.report, p) };
        case 'children':
          return { kind: 'children', memo: start.memo, articles: start.articles };
      }
    },
    async finishRun(job, memo, children, { jobId }) {
      const source = sourceOf(job.sourceId);
      const p = await pipeline();
      return reported(await p.runner.finishQueuedRun(source, jobId, memo, children, p.deps), p);
    },
    async runArticle(job, jobCtx) {
      const source = sourceOf(job.sourceId);
      const p = await pipeline();
      return p.runner.runQueuedArticle(source, job, jobCtx, p.deps);
    },
  });
  void worker.run();
  log.info({ concurrency: ctx.settings.WORKER_CONCURRENCY }, 'worker started');

  return {
    name: 'worker',
    async stop(deadlineMs) {
      const started = Date.now();
      // close() stops taking jobs and waits for the running ones; with Redis away it may never resolve
      // (BullMQ waits on its blocking connection), so what is waited for is our own count of running jobs.
      const closing = worker.close().then(() => true);
      closing.catch(() => undefined);
      const drained = await within(inFlight.idle().then(() => true), deadlineMs, false);
      if (drained) {
        // Nothing running: the queue's connections get a moment to close (BullMQ needs milliseconds when Redis
        // is up); if they cannot (Redis away), nothing is lost with them and they go with the process.
        await within(closing, ABANDON_GRACE_MS, false);
        await closeFetcher();
        await publisher?.close(Math.min(PUBLISH_GRACE_MS, Math.max(0, deadlineMs - (Date.now() - started))));
        return [];
      }
      // Past the deadline the running jobs go back to the queue (attempt not counted) for another worker,
      // and their fetches are cut off so nothing keeps the process alive. With Redis away they cannot be
      // moved back: they stay active until their lock lapses (QUEUE_LOCK_MS) and another worker takes them.
      const cut = inFlight.ids();
      worker.cancelAllJobs('shutdown deadline');
      await closeFetcher({ abort: true });
      await within(inFlight.idle(), ABANDON_GRACE_MS / 2, undefined);
      await publisher?.close(0);
      const { returned, left } = inFlight.outcome(cut);
      const abandoned: Abandoned[] = [];
      if (returned.length > 0) abandoned.push({ what: `${returned.length} in-flight job${returned.length === 1 ? '' : 's'} returned to the queue`, ids: returned });
      if (left.length > 0) {
        abandoned.push({
          what: `${left.length} in-flight job${left.length === 1 ? '' : 's'} left active (Redis unreachable: another worker takes ${left.length === 1 ? 'it' : 'them'} after QUEUE_LOCK_MS)`,
          ids: left,
        });
      }
      return abandoned;
    },
  };
}
