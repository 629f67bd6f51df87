/**
 * The crawl worker on BullMQ. A source run is a parent job in two steps:
 * plan (discover, then enqueue one child job per article, ids from the
 * canonical URL) and collect (when every child is done, one report).
 * Articles are jobs of their own, so they spread over every worker, are
 * retried one by one, and survive the death of the process that planned
 * them. Logs one line per run outcome.
 */
import { Queue, UnrecoverableError, WaitingChildrenError, WaitingError, Worker, type ConnectionOptions, type Job } from './bullmq.js';
import type { Clock } from '../core/clock.js';
import { BantinError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { logErrors } from './errors-log.js';
import type { InFlightJobs } from './in-flight.js';
import {
  ARTICLE_JOB,
  articleJobSchema,
  articleResultSchema,
  QUEUE_NAME,
  RUN_JOB,
  sourceRunSchema,
  type ArticleJob,
  type ArticleJobResult,
  type RunMemo,
  type SourceRunJob,
} from './jobs.js';

export interface RunResult {
  /** Counts to record with the job (discovered, new, updated, failed...). */
  summary: Record<string, unknown>;
  /** A run that found the source unreachable is failed (and not retried: the schedule's backoff takes over). */
  failed: boolean;
  reason?: string;
}

export type RunStart =
  | { kind: 'children'; memo: RunMemo; articles: { jobId: string; data: ArticleJob }[] }
  | { kind: 'done'; result: RunResult };

export interface JobContext {
  jobId: string;
  attempt: number;
  /** No attempt follows this one: report the failure instead of asking for a retry. */
  lastAttempt: boolean;
  signal: AbortSignal;
  /** The run an article job belongs to (its parent job); null for a run itself. */
  runId: string | null;
}

/** Thrown by an article step to have BullMQ try it again later (timeouts, 5xx, Redis away). */
export class RetryLaterError extends BantinError {
  readonly kind = 'retry-later';
}

export interface CrawlWorkerDeps {
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  log: Logger;
  /** When a run starts, as its report and log line say. */
  clock: Clock;
  startRun(job: SourceRunJob, ctx: JobContext): Promise<RunStart>;
  finishRun(job: SourceRunJob, memo: RunMemo, children: ArticleJobResult[], ctx: JobContext): Promise<RunResult>;
  runArticle(job: ArticleJob, ctx: JobContext): Promise<ArticleJobResult>;
  /** How long a job's lock lasts unrenewed; also how often stalled jobs are looked for. */
  lockDurationMs: number;
  /** Told of every job while it runs, and of those a shutdown returned to the queue (the shutdown line names them). */
  inFlight?: InFlightJobs;
}

export const ARTICLE_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000 },
  // Removed when done so a later run can enqueue the same article again; the
  // parent keeps each child's result, and a child that fails for good is
  // recorded on the parent without holding it up.
  removeOnComplete: true,
  removeOnFail: true,
  ignoreDependencyOnFailure: true,
} as const;

function context(job: Job, signal: AbortSignal | undefined): JobContext {
  const attempts = job.opts.attempts ?? 1;
  return {
    jobId: job.id ?? 'unknown',
    attempt: job.attemptsMade + 1,
    lastAttempt: job.attemptsMade + 1 >= attempts,
    signal: signal ?? new AbortController().signal,
    runId: job.name === ARTICLE_JOB ? (job.parent?.id ?? null) : null,
  };
}

const CANCELLED = Symbol('cancelled');

/**
 * Resolves like `work`, unless the worker cancels the job first (a shutdown
 * past its deadline): then the job goes back to the queue without using up
 * an attempt, and `work`, left to finish or fail on its own, can at worst
 * repeat an upsert.
 */
async function unlessCancelled<T>(
  job: Job,
  token: string | undefined,
  signal: AbortSignal | undefined,
  work: Promise<T>,
  log: Logger,
  inFlight: InFlightJobs | undefined,
): Promise<T> {
  if (signal === undefined || token === undefined) return work;
  let onAbort: () => void = () => undefined;
  const cancelled = new Promise<typeof CANCELLED>((resolve) => {
    onAbort = () => resolve(CANCELLED);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  let winner: T | typeof CANCELLED;
  try {
    winner = await Promise.race([work, cancelled]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (winner !== CANCELLED) return winner;
  work.catch((err: unknown) => log.debug({ err, jobId: job.id }, 'a job returned to the queue failed afterwards'));
  await job.moveToWait(token);
  inFlight?.returned(job.id ?? 'unknown');
  // The shutdown's one line names every job it cut off; this is the detail.
  log.debug({ jobId: job.id, job: job.name }, 'job returned to the queue: shutdown deadline passed');
  throw new WaitingError();
}

export function createCrawlWorker(deps: CrawlWorkerDeps): Worker {
  const queue = new Queue(QUEUE_NAME, { connection: deps.connection, prefix: deps.prefix });
  logErrors(queue, deps.log, 'crawl queue');

  const childResults = async (job: Job): Promise<ArticleJobResult[]> => {
    const values = Object.values(await job.getChildrenValues());
    const failedForGood = Object.values(await job.getIgnoredChildrenFailures());
    const results: ArticleJobResult[] = values.map((v) => {
      const parsed = articleResultSchema.safeParse(v);
      return parsed.success ? parsed.data : { outcome: 'failed', failure: 'internal', message: 'unreadable article result' };
    });
    // Children that died (stalled past their retries) never returned a result.
    for (const reason of failedForGood) results.push({ outcome: 'failed', failure: 'internal', message: String(reason) });
    return results;
  };

  const finish = async (job: Job, data: SourceRunJob, result: RunResult, started: number): Promise<Record<string, unknown>> => {
    const line = { source: data.sourceId, jobId: job.id, durationMs: deps.clock.now() - started, ...result.summary };
    if (result.failed) {
      deps.log.warn(line, `crawl run failed: ${result.reason ?? 'unknown'}`);
      // A failed job keeps no return value: its progress carries the counts and failure classes instead.
      await job.updateProgress(result.summary);
      throw new UnrecoverableError(result.reason ?? 'crawl run failed');
    }
    deps.log.info(line, 'crawl run finished');
    return result.summary;
  };

  const processRun = async (job: Job, token: string | undefined, signal: AbortSignal | undefined): Promise<Record<string, unknown>> => {
    const parsed = sourceRunSchema.safeParse(job.data);
    // A payload that does not parse never will: no retries.
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id} has an invalid payload: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const ctx = context(job, signal);
    let data = parsed.data;
    if (data.startedAt === undefined) {
      // Stamped before planning, so a worker that dies while planning leaves the run its own start time.
      data = { ...data, startedAt: deps.clock.now() };
      await job.updateData(data);
    }
    const started = data.startedAt ?? deps.clock.now();
    if (data.memo === undefined) {
      const start = await deps.startRun(data, ctx);
      if (start.kind === 'done') return finish(job, data, start.result, started);
      // Children first, then the step: a crash in between re-plans, and re-adding the same ids is a no-op.
      await queue.addBulk(
        start.articles.map((a) => ({
          name: ARTICLE_JOB,
          data: a.data,
          opts: { ...ARTICLE_JOB_OPTIONS, jobId: a.jobId, parent: { id: job.id as string, queue: job.queueQualifiedName } },
        })),
      );
      await job.updateData({ ...data, memo: start.memo });
      if (token !== undefined && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
      return finish(job, data, await deps.finishRun(data, start.memo, await childResults(job), ctx), started);
    }
    return finish(job, data, await deps.finishRun(data, data.memo, await childResults(job), ctx), data.memo.startedAt);
  };

  const processArticle = async (job: Job, token: string | undefined, signal: AbortSignal | undefined): Promise<ArticleJobResult> => {
    const parsed = articleJobSchema.safeParse(job.data);
    if (!parsed.success) return { outcome: 'failed', failure: 'invalid-job', message: parsed.error.issues[0]?.message ?? 'invalid' };
    return unlessCancelled(job, token, signal, deps.runArticle(parsed.data, context(job, signal)), deps.log, deps.inFlight);
  };

  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job, token?: string, signal?: AbortSignal) => {
      const work = job.name === RUN_JOB ? unlessCancelled(job, token, signal, processRun(job, token, signal), deps.log, deps.inFlight) : processArticle(job, token, signal);
      return deps.inFlight ? deps.inFlight.track(job.id ?? 'unknown', work) : work;
    },
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: deps.concurrency,
      autorun: false,
      lockDuration: deps.lockDurationMs,
      stalledInterval: deps.lockDurationMs,
    },
  );
  logErrors(worker, deps.log, 'queue worker');
  worker.on('closed', () => void queue.close());
  return worker;
}
