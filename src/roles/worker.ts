/**
 * The worker role: takes source runs off the queue and crawls them. On
 * SIGTERM it stops taking jobs and gives in-flight runs until the deadline;
 * a run cut off then is left to BullMQ's stalled-job check and retried
 * elsewhere, which stores nothing twice because every write is an upsert.
 */
import { createCrawlWorker } from '../queue/index.js';
import { summarize } from '../crawl/index.js';
import { createCrawlStateStore, createRedisStore, keys } from '../store/index.js';
import { buildFetcher } from './fetcher.js';
import type { Context } from './context.js';
import { runSource } from './crawl-runner.js';
import { within, type RoleHandle } from './role.js';
import { buildPublisher } from './publisher.js';

export async function startWorker(ctx: Context): Promise<RoleHandle> {
  const prefix = ctx.settings.BANTIN_REDIS_PREFIX;
  const redis = ctx.connect('commands');
  const log = ctx.log.child({ role: 'worker' });
  const store = createRedisStore({ redis, prefix, log });
  const crawlState = createCrawlStateStore({ redis, prefix });
  const fetcher = buildFetcher(ctx, redis);
  const publisher = buildPublisher(ctx);
  const sources = new Map(ctx.config.sources.map((s) => [s.id, s]));

  const worker = createCrawlWorker({
    connection: ctx.connect('queue'),
    prefix: keys(prefix).queuePrefix,
    concurrency: ctx.settings.WORKER_CONCURRENCY,
    log,
    run: async (job, { jobId, signal }) => {
      const source = sources.get(job.sourceId);
      if (!source) return { summary: { status: 'failed' }, failed: true, reason: `no source "${job.sourceId}" in this worker's config` };
      const started = ctx.clock.now();
      const outcome = await runSource(
        source,
        jobId,
        { fetcher, store, clock: ctx.clock, log, crawlState, metrics: ctx.metrics, onChanged: (articles) => publisher?.changed(articles) },
        { signal, pages: job.pages },
      );
      ctx.metrics.jobFinished(source.id, outcome.kind === 'ran' ? outcome.report.status : 'skipped', ctx.clock.now() - started);
      if (outcome.kind === 'overlap') {
        return { summary: { status: 'skipped', reason: `overlap with ${outcome.runningJob ?? 'a running job'}` }, failed: false };
      }
      return { summary: summarize(outcome.report), failed: outcome.report.status === 'failed', reason: outcome.report.reason ?? undefined };
    },
  });
  void worker.run();
  log.info({ concurrency: ctx.settings.WORKER_CONCURRENCY }, 'worker started');

  return {
    name: 'worker',
    async stop(deadlineMs) {
      // close() stops taking jobs and waits for the running ones; past the deadline they are abandoned to the stalled check.
      const closed = await within(worker.close().then(() => true), deadlineMs, false);
      if (!closed) {
        log.warn({ deadlineMs }, 'in-flight runs did not finish before the deadline: they will be retried');
        await worker.close(true);
      }
      await fetcher.close();
      await publisher?.close();
    },
  };
}
