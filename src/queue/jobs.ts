/**
 * Job payloads. They come back from Redis, so they are validated like any
 * other outside input before a worker acts on them.
 */
import { z } from 'zod';
import { SLUG } from '../core/article.js';

export const QUEUE_NAME = 'crawl';

export const sourceRunSchema = z
  .object({
    sourceId: z.string().regex(SLUG),
    /** The cron slot this run belongs to (ISO), or null for a manual run. */
    slot: z.string().nullable(),
    trigger: z.enum(['schedule', 'manual', 'backfill']),
    /** Listing pages to walk back (backfill); null = the source's default. */
    pages: z.number().int().min(1).nullable().default(null),
  })
  .strict();

export type SourceRunJob = z.infer<typeof sourceRunSchema>;

/**
 * BullMQ ids may not contain ':'; the id is derived from source + slot so a
 * second enqueue of the same slot is a no-op.
 */
export function runJobId(job: Pick<SourceRunJob, 'sourceId' | 'slot'>, nowMs: number): string {
  const when = job.slot ?? `manual-${nowMs}`;
  return `run__${job.sourceId}__${when.replace(/[^0-9A-Za-z-]/g, '')}`;
}
