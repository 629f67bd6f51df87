/**
 * Job payloads and results. They come back from Redis, so they are
 * validated like any other outside input before a worker acts on them.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SLUG } from '../core/article.js';
import { linkHintsSchema, NO_HINTS } from '../core/hints.js';
import { DISCOVERY_PARTS } from '../core/discovery-parts.js';

export const QUEUE_NAME = 'crawl';
export const RUN_JOB = 'source-run';
export const ARTICLE_JOB = 'article';

/** What the planning step of a run found, kept on the job for the collecting step. */
export const runMemoSchema = z
  .object({
    startedAt: z.number(),
    discovered: z.number().int().min(0),
    discoveryFailures: z.array(z.object({ url: z.string(), failure: z.string() })),
    planned: z.number().int().min(0),
  })
  .strict();
export type RunMemo = z.infer<typeof runMemoSchema>;

export const sourceRunSchema = z
  .object({
    sourceId: z.string().regex(SLUG),
    /** The cron slot this run belongs to (ISO), or null for a manual run. */
    slot: z.string().nullable(),
    /** `first-start`: a source that never ran, on an empty store, crawled as soon as a scheduler starts (roles/first-start.ts). */
    trigger: z.enum(['schedule', 'manual', 'backfill', 'first-start']),
    /** Listing pages to walk back (backfill); null = the source's default. */
    pages: z.number().int().min(1).nullable().default(null),
    /** Which parts of discovery to run (event pages on their own schedule); null = all. */
    parts: z.array(z.enum(DISCOVERY_PARTS)).nullable().default(null),
    /** When a worker first took the run (epoch ms), set before it plans: a run re-planned after its worker died keeps it. */
    startedAt: z.number().optional(),
    /** Set by the worker once the run's articles are enqueued as child jobs. */
    memo: runMemoSchema.optional(),
  })
  .strict();
export type SourceRunJob = z.infer<typeof sourceRunSchema>;
/** What a producer asks for: defaults (pages, parts) may be left out. */
export type SourceRunRequest = Omit<z.input<typeof sourceRunSchema>, 'memo' | 'startedAt'>;

export const articleJobSchema = z
  .object({
    sourceId: z.string().regex(SLUG),
    url: z.url(),
    events: z.array(z.object({ name: z.string(), url: z.string() })),
    /** What discovery said about the URL; jobs queued by earlier versions have none. */
    hints: linkHintsSchema.default(NO_HINTS),
  })
  .strict();
export type ArticleJob = z.infer<typeof articleJobSchema>;

export const articleResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.enum(['new', 'updated', 'unchanged']), articleId: z.string() }),
  z.object({ outcome: z.literal('failed'), failure: z.string(), message: z.string() }),
]);
export type ArticleJobResult = z.infer<typeof articleResultSchema>;

/**
 * BullMQ ids may not contain ':'; the id is derived from source, slot and
 * the parts run (a crawl and an events run of one slot differ), so a second
 * enqueue of the same slot is a no-op.
 */
export function runJobId(job: Pick<SourceRunJob, 'sourceId' | 'slot'> & { parts?: SourceRunJob['parts'] }, nowMs: number): string {
  const when = job.slot ?? `manual-${nowMs}`;
  const what = job.parts ? `__${[...job.parts].sort().join('-')}` : '';
  return `run__${job.sourceId}__${when.replace(/[^0-9A-Za-z-]/g, '')}${what}`;
}

/** From the article's canonical URL: enqueueing an article already queued is a no-op. */
export function articleJobId(canonicalUrl: string): string {
  return `article__${createHash('sha256').update(canonicalUrl).digest('hex').slice(0, 32)}`;
}
