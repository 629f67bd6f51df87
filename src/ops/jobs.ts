/**
 * A crawl job as operators read it: BullMQ's record turned into one strict
 * shape. The run summary comes back from Redis, so it is validated like any
 * outside input: a job whose summary does not parse shows no counts rather
 * than wrong ones.
 */
import type { Job } from 'bullmq';
import { z } from 'zod';
import { sourceRunSchema } from '../queue/index.js';
import type { RunCounts } from '../crawl/index.js';

/** BullMQ's states; a run sits in `waiting-children` while its articles are crawled. */
export const JOB_STATES = ['active', 'waiting-children', 'waiting', 'delayed', 'prioritized', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export type { RunCounts };

export interface JobView {
  id: string;
  sourceId: string;
  trigger: string;
  /** The cron slot (ISO) of a scheduled run; null for manual runs. */
  slot: string | null;
  state: string;
  attempts: number;
  enqueuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** ok | partial | failed | skipped, once the run has reported. */
  status: string | null;
  reason: string | null;
  counts: RunCounts | null;
  /** Failures by class (fetch classes, not-an-article...). */
  failures: Record<string, number>;
  /** BullMQ's failedReason, for jobs that failed or are waiting to retry. */
  error: string | null;
}

const count = z.number().int().min(0);
const summarySchema = z
  .object({
    status: z.string(),
    reason: z.string().nullable().optional(),
    discovered: count.optional(),
    fetched: count.optional(),
    new: count.optional(),
    updated: count.optional(),
    unchanged: count.optional(),
    failed: count.optional(),
    durationMs: z.number().optional(),
  })
  .catchall(z.unknown());

const iso = (ms: number | undefined): string | null => (ms === undefined || ms === 0 ? null : new Date(ms).toISOString());

function countsOf(s: z.infer<typeof summarySchema>): RunCounts | null {
  if (s.discovered === undefined) return null;
  return {
    discovered: s.discovered,
    fetched: s.fetched ?? 0,
    new: s.new ?? 0,
    updated: s.updated ?? 0,
    unchanged: s.unchanged ?? 0,
    failed: s.failed ?? 0,
  };
}

function failuresOf(s: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(s)) {
    if (key.startsWith('failures.') && typeof value === 'number') out[key.slice('failures.'.length)] = value;
  }
  return out;
}

/**
 * A finished run's summary is its return value; a failed run's is its
 * progress, which the worker sets before failing the job, so the failure
 * classes stay with the job.
 */
function summaryOf(job: Job): z.infer<typeof summarySchema> | null {
  for (const candidate of [job.returnvalue as unknown, job.progress as unknown]) {
    const parsed = summarySchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return null;
}

export function jobView(job: Job, state: string): JobView | null {
  const data = sourceRunSchema.safeParse(job.data);
  if (!data.success || job.id === undefined) return null;
  const summary = summaryOf(job);
  // The run's own start, kept on the job by the worker that first took it: BullMQ's processedOn is the last
  // time a worker took the job (the collecting step, or a re-plan after the first worker died).
  const started = data.data.startedAt ?? data.data.memo?.startedAt ?? job.processedOn;
  const duration = started !== undefined && job.finishedOn !== undefined ? job.finishedOn - started : null;
  return {
    id: job.id,
    sourceId: data.data.sourceId,
    trigger: data.data.trigger,
    slot: data.data.slot,
    state,
    attempts: job.attemptsMade,
    enqueuedAt: new Date(job.timestamp).toISOString(),
    startedAt: iso(started),
    finishedAt: iso(job.finishedOn),
    durationMs: summary?.durationMs ?? duration,
    status: summary?.status ?? null,
    reason: summary?.reason ?? null,
    counts: summary ? countsOf(summary) : null,
    failures: summary ? failuresOf(summary) : {},
    error: job.failedReason ? job.failedReason : null,
  };
}
