/**
 * The hub's queue (BullMQ `websub`, under the crawl queue's prefix): one
 * `verify` job per subscription request, one `deliver` job per subscriber
 * and new document. Job data is validated when a worker takes it.
 */
import { Queue, type ConnectionOptions } from '../queue/bullmq.js';
import { z } from 'zod';
import type { Logger } from '../core/log.js';
import { logErrors } from '../queue/errors-log.js';

export const WEBSUB_QUEUE = 'websub';
export const VERIFY_JOB = 'verify';
export const DELIVER_JOB = 'deliver';

export const verifyJobSchema = z.object({
  mode: z.enum(['subscribe', 'unsubscribe']),
  topicAsGiven: z.string(),
  topic: z.url(),
  callback: z.url(),
  leaseSeconds: z.number().int().positive(),
  secret: z.string().nullable(),
});
export type VerifyJob = z.infer<typeof verifyJobSchema>;

export const deliverJobSchema = z.object({
  subscriptionId: z.string().min(1),
  topic: z.url(),
  /** sha256 of the document this job was made for (a newer one is delivered instead when there is one). */
  digest: z.string().min(1),
  /** When the change was seen (epoch ms): delivery latency is counted from here. */
  changedAt: z.number(),
});
export type DeliverJob = z.infer<typeof deliverJobSchema>;

export interface HubQueue {
  verify(job: VerifyJob): Promise<void>;
  deliver(jobs: DeliverJob[]): Promise<void>;
  counts(): Promise<Record<string, number>>;
  readonly queue: Queue;
  close(): Promise<void>;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
}

export function createHubQueue(deps: { connection: ConnectionOptions; prefix: string; log: Logger; retry: RetryPolicy }): HubQueue {
  const queue = new Queue(WEBSUB_QUEUE, { connection: deps.connection, prefix: deps.prefix });
  logErrors(queue, deps.log, 'websub queue');
  return {
    queue,
    async verify(job) {
      // A secret is in the job: kept no longer than it runs, whatever the outcome.
      await queue.add(VERIFY_JOB, verifyJobSchema.parse(job), { attempts: 3, backoff: { type: 'exponential', delay: deps.retry.baseDelayMs }, removeOnComplete: true, removeOnFail: true });
    },
    async deliver(jobs) {
      if (jobs.length === 0) return;
      await queue.addBulk(
        jobs.map((j) => ({
          name: DELIVER_JOB,
          data: deliverJobSchema.parse(j),
          opts: {
            // One delivery per subscriber and document, however often the same change is announced.
            jobId: `deliver-${j.subscriptionId}-${j.digest.slice(0, 24)}`,
            attempts: deps.retry.attempts,
            backoff: { type: 'exponential', delay: deps.retry.baseDelayMs },
            // Gone once done: the id dedupes announcements while the job waits, and must not stop the same
            // document (a change undone, a resubscription) from being delivered again later. Outcomes are in the log and metrics.
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
      );
    },
    counts: () => queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'),
    close: () => queue.close(),
  };
}
