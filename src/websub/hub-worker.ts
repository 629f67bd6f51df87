/**
 * Runs the hub's queue: verifications and deliveries, `concurrency` at a
 * time. Each request has its own deadline (the callback client's), so a
 * subscriber that hangs holds one slot until it times out while the others
 * go on; a failed delivery is retried with exponential backoff by BullMQ and,
 * once its attempts are spent, ends that subscription (WebSub §7). Lapsed
 * leases are swept every minute.
 */
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from '../queue/bullmq.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { within } from '../core/within.js';
import { logErrors } from '../queue/errors-log.js';
import type { CallbackClient } from './callback-client.js';
import { deliverOnce } from './deliver.js';
import type { DocumentStore } from './documents.js';
import { CallbackError, isRetryableCallback } from './errors.js';
import { deliverJobSchema, DELIVER_JOB, VERIFY_JOB, verifyJobSchema, WEBSUB_QUEUE } from './jobs.js';
import type { SubscriptionStore } from './subscriptions.js';
import { verifyIntent } from './verify.js';

/** What the hub tells metrics. */
export interface HubObserver {
  /** outcome: subscribed, unsubscribed, refused (the callback said no, or not the challenge), failed (unreachable) */
  verification(mode: string, outcome: string): void;
  /** outcome: delivered, retry, failed (attempts spent: subscription ended), skipped; latency from the change, when delivered. */
  delivery(outcome: string, latencyMs: number | null): void;
}

export interface HubWorkerDeps {
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  client: CallbackClient;
  subscriptions: SubscriptionStore;
  documents: DocumentStore;
  clock: Clock;
  log: Logger;
  observer: HubObserver;
  sweepEveryMs?: number;
}

export interface HubWorker {
  /** Lets jobs under way finish within `graceMs`; with 0 they are left to BullMQ's stalled-job check (another worker retries them). */
  close(graceMs?: number): Promise<void>;
}

export function startHubWorker(deps: HubWorkerDeps): HubWorker {
  const { log, observer } = deps;

  const verify = async (job: Job): Promise<void> => {
    const parsed = verifyJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid verify job: ${parsed.error.issues[0]?.message ?? ''}`);
    const data = parsed.data;
    try {
      const outcome = await verifyIntent(data, deps);
      observer.verification(data.mode, outcome);
      log.info({ mode: data.mode, topic: data.topic, callback: data.callback, leaseSeconds: data.leaseSeconds }, `websub ${outcome}`);
    } catch (error) {
      if (!(error instanceof CallbackError)) throw error;
      const last = !isRetryableCallback(error) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (!last) throw error;
      observer.verification(data.mode, error.failure === 'status' || error.failure === 'challenge' ? 'refused' : 'failed');
      log.info({ mode: data.mode, topic: data.topic, callback: data.callback, failure: error.failure, status: error.status }, 'websub verification failed: state left as it was');
      throw new UnrecoverableError(error.message);
    }
  };

  const deliver = async (job: Job): Promise<void> => {
    const parsed = deliverJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid deliver job: ${parsed.error.issues[0]?.message ?? ''}`);
    const data = parsed.data;
    try {
      const outcome = await deliverOnce(data, deps);
      if (outcome === 'delivered') observer.delivery('delivered', Math.max(0, deps.clock.now() - data.changedAt));
      else observer.delivery('skipped', null);
    } catch (error) {
      if (!(error instanceof CallbackError)) throw error;
      const final = error.failure === 'blocked-address' || error.failure === 'invalid-url' || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (!final) {
        observer.delivery('retry', null);
        log.warn({ topic: data.topic, subscription: data.subscriptionId, failure: error.failure, status: error.status, attempt: job.attemptsMade + 1 }, 'websub delivery failed, will retry');
        throw error;
      }
      observer.delivery('failed', null);
      await deps.subscriptions.removeById(data.subscriptionId);
      log.warn({ topic: data.topic, subscription: data.subscriptionId, failure: error.failure, attempts: job.attemptsMade + 1 }, 'websub delivery given up: subscription ended');
      throw new UnrecoverableError(error.message);
    }
  };

  let running = 0;
  const worker = new Worker(
    WEBSUB_QUEUE,
    async (job: Job) => {
      running++;
      try {
        if (job.name === VERIFY_JOB) return await verify(job);
        if (job.name === DELIVER_JOB) return await deliver(job);
        throw new UnrecoverableError(`unknown websub job ${job.name}`);
      } finally {
        running--;
      }
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency },
  );
  logErrors(worker, log, 'websub worker');

  const sweep = (): void => {
    deps.subscriptions.sweep().then(
      (n) => n > 0 && log.info({ expired: n }, 'websub leases expired'),
      (err: unknown) => log.warn({ err }, 'websub lease sweep failed'),
    );
  };
  const timer = setInterval(sweep, deps.sweepEveryMs ?? 60_000);
  timer.unref();

  return {
    async close(graceMs = 0) {
      clearInterval(timer);
      // Bounded either way: with Redis away BullMQ's close may wait for a connection that is not coming back.
      // Nothing running: no reason to wait on BullMQ's orderly close, which with Redis away never ends.
      const wait = graceMs > 0 && running > 0;
      await within(worker.close(!wait).catch(() => undefined), wait ? graceMs : 250, undefined);
    },
  };
}
