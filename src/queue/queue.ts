/**
 * The crawl queue (BullMQ). Producers (scheduler, ops API, CLI) only add
 * jobs through here, so ids, retries and retention are decided in one place.
 */
import { Queue, type ConnectionOptions } from './bullmq.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { logErrors } from './errors-log.js';
import { QUEUE_NAME, RUN_JOB, runJobId, sourceRunSchema, type SourceRunRequest } from './jobs.js';

export interface CrawlQueue {
  /** Adds a run; returns its job id (an existing job with that id is kept, not duplicated). */
  enqueueRun(job: SourceRunRequest): Promise<string>;
  readonly queue: Queue;
  close(): Promise<void>;
}

export const RUN_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 30_000 },
  // Kept so operators can read recent runs; bounded so Redis does not grow.
  removeOnComplete: { count: 1000, age: 14 * 24 * 3600 },
  removeOnFail: { count: 1000 },
} as const;

export function createCrawlQueue(deps: { connection: ConnectionOptions; prefix: string; clock: Clock; log: Logger }): CrawlQueue {
  const queue = new Queue(QUEUE_NAME, { connection: deps.connection, prefix: deps.prefix });
  logErrors(queue, deps.log, 'crawl queue');
  return {
    queue,
    async enqueueRun(input) {
      const data = sourceRunSchema.parse(input);
      const jobId = runJobId(data, deps.clock.now());
      await queue.add(RUN_JOB, data, { ...RUN_JOB_OPTIONS, jobId });
      return jobId;
    },
    async close() {
      await queue.close();
    },
  };
}
