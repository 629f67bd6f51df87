/**
 * The worker role: takes source runs off the queue and hands them to the
 * crawl pipeline. Logs one line per job outcome; a run that fails is
 * retried by BullMQ, and since every store write is an idempotent upsert a
 * retried or killed run stores nothing twice.
 */
import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import { BantinError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { QUEUE_NAME, sourceRunSchema, type SourceRunJob } from './jobs.js';

export interface RunResult {
  /** Counts to record with the job (discovered, new, updated, failed...). */
  summary: Record<string, unknown>;
  /** A run that found the source unreachable is failed so BullMQ retries it. */
  failed: boolean;
  reason?: string;
}

export class RunFailedError extends BantinError {
  readonly kind = 'run-failed';
}

export interface CrawlWorkerDeps {
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  log: Logger;
  run: (job: SourceRunJob, context: { jobId: string; attempt: number; signal: AbortSignal }) => Promise<RunResult>;
}

export function createCrawlWorker(deps: CrawlWorkerDeps): Worker {
  const processor = async (job: Job, _token?: string, signal?: AbortSignal): Promise<Record<string, unknown>> => {
    const data = sourceRunSchema.safeParse(job.data);
    if (!data.success) {
      throw new RunFailedError(`job ${job.id} has an invalid payload: ${data.error.issues[0]?.message ?? 'invalid'}`);
    }
    const started = Date.now();
    const result = await deps.run(data.data, {
      jobId: job.id ?? 'unknown',
      attempt: job.attemptsMade + 1,
      signal: signal ?? new AbortController().signal,
    });
    const line = { source: data.data.sourceId, jobId: job.id, attempt: job.attemptsMade + 1, durationMs: Date.now() - started, ...result.summary };
    if (result.failed) {
      deps.log.warn(line, `crawl run failed: ${result.reason ?? 'unknown'}`);
      // A failed job keeps no return value: its progress carries the counts and failure classes instead.
      await job.updateProgress(result.summary);
      throw new RunFailedError(result.reason ?? 'crawl run failed');
    }
    deps.log.info(line, 'crawl run finished');
    return result.summary;
  };
  const worker = new Worker(QUEUE_NAME, processor, {
    connection: deps.connection,
    prefix: deps.prefix,
    concurrency: deps.concurrency,
    autorun: false,
  });
  worker.on('error', (err) => deps.log.error({ err }, 'queue worker error'));
  return worker;
}
