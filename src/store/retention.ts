/**
 * Retention: a source's articles published before its cutoff lose their
 * body (`trim`, core/trim.ts) or go entirely (`drop`, through the store's
 * remove, which takes them out of every index, the URL maps and their
 * story's index in one script). The walk goes through the source's index
 * by score (publication time) up to the cutoff, a batch at a time, with
 * single-key commands only, so it runs the same on a Redis Cluster.
 * Idempotent and so resumable: a trimmed record is left as it is, a dropped
 * one is gone from the index, and a prune stopped halfway, run again, does
 * the rest. A dry run reads the same records and writes nothing.
 * A trim prune keeps a mark per source (keys.ts retentionMark): the
 * publication time up to which it found every record trimmed, so the next one
 * starts there instead of reading every record it trimmed before. What could
 * land below the mark untrimmed does not: the crawler stores an article
 * already past retention trimmed (crawl/crawl-article.ts), a re-crawl keeps a
 * trim (crawl/reconcile.ts), and a record a crawl rewrote mid-prune or an
 * unreadable one holds the mark where it is.
 */
import type { Article } from '../core/article.js';
import type { Clock } from '../core/clock.js';
import { CorruptRecordError } from '../core/errors.js';
import { toVnIso } from '../core/time.js';
import { getBuffers, sendTogether, type RedisCommand } from '../redis/batch.js';
import type { RedisClient } from '../redis/client.js';
import { trimArticle } from '../core/trim.js';
import { articleStreams, keys, streamName, type KeySchema } from './keys.js';
import { decodeRecord, encodeRecord } from './record-codec.js';
import { TRIM_SCRIPT } from './trim-script.js';
import type { ArticleStore } from './types.js';

export type PruneMode = 'trim' | 'drop';

/** What to keep of one source: articles published more than `days` days ago are trimmed or dropped. */
export interface PrunePolicy {
  sourceId: string;
  days: number;
  mode: PruneMode;
}

export interface PruneDeps {
  /** A Redis or a Redis Cluster: only single-key commands are sent (together, redis/batch.ts). */
  redis: RedisClient;
  prefix: string;
  /** Drops go through its remove, so every index stays as an upsert and a remove keep it. */
  store: ArticleStore;
  clock: Clock;
  dryRun: boolean;
  /** Records read per round trip (default 200). */
  batch?: number;
  /** Asked between batches: true ends the walk there (the report says so); the next prune goes on. */
  stop?: () => boolean;
  onCorrupt?: (error: CorruptRecordError) => void;
}

/**
 * What one source's prune did (or, dry, would do). `bytesFreed`: in a real trim, MEMORY USAGE of each record before
 * less after; in a drop, MEMORY USAGE of the record and its URL set before the remove (the index and URL-map entries
 * it also frees are not counted); in a dry trim, the stored value's length less the trimmed one's, an estimate.
 */
export interface PruneReport {
  sourceId: string;
  mode: PruneMode;
  days: number;
  /** Articles published at or before this (ISO, +07:00) are past retention. */
  cutoff: string;
  dryRun: boolean;
  /** Index entries at or before the cutoff looked at. */
  looked: number;
  trimmed: number;
  dropped: number;
  /** Trimmed by an earlier prune: left as they are. */
  alreadyTrimmed: number;
  /** Changed by a crawl between the read and the write (left for the next prune), or gone meanwhile. */
  skipped: number;
  /** Unreadable records: left as they are, and reported through onCorrupt. */
  corrupt: number;
  bytesFreed: number;
  bytes: 'measured' | 'estimated';
  /** Stopped by `stop` before the walk reached the cutoff. */
  interrupted: boolean;
}

const DEFAULT_BATCH = 200;

function emptyReport(policy: PrunePolicy, cutoffMs: number, dryRun: boolean): PruneReport {
  return {
    sourceId: policy.sourceId,
    mode: policy.mode,
    days: policy.days,
    cutoff: toVnIso(cutoffMs),
    dryRun,
    looked: 0,
    trimmed: 0,
    dropped: 0,
    alreadyTrimmed: 0,
    skipped: 0,
    corrupt: 0,
    bytesFreed: 0,
    bytes: dryRun && policy.mode === 'trim' ? 'estimated' : 'measured',
    interrupted: false,
  };
}

/** Each record of `ids` as stored (null: gone) and as read (null: gone or unreadable). */
async function readBatch(deps: PruneDeps, k: KeySchema, ids: string[], report: PruneReport): Promise<{ id: string; value: Buffer; article: Article }[]> {
  const values = await getBuffers(deps.redis, ids.map((id) => k.article(id)));
  const out: { id: string; value: Buffer; article: Article }[] = [];
  ids.forEach((id, i) => {
    const value = values[i] ?? null;
    if (value === null) {
      report.skipped++;
      return;
    }
    try {
      const article = decodeRecord(k.article(id), value);
      if (article) out.push({ id, value, article });
    } catch (error) {
      if (!(error instanceof CorruptRecordError)) throw error;
      report.corrupt++;
      deps.onCorrupt?.(error);
    }
  });
  return out;
}

function changedStreams(article: Article): string {
  return JSON.stringify([...new Set([`story:${article.storyId}`, ...articleStreams(article).map(streamName)])]);
}

/** Trims what is not yet; returns how many a crawl rewrote between the read and the write (left for the next prune). */
async function trimBatch(deps: PruneDeps, k: KeySchema, records: { id: string; value: Buffer; article: Article }[], report: PruneReport): Promise<number> {
  const at = toVnIso(deps.clock.now());
  const todo = records.filter((r) => {
    if (r.article.trimmedAt === undefined) return true;
    report.alreadyTrimmed++;
    return false;
  });
  if (todo.length === 0) return 0;
  const trimmed = todo.map((r) => encodeRecord(trimArticle(r.article, at)));
  if (deps.dryRun) {
    todo.forEach((r, i) => (report.bytesFreed += Math.max(0, r.value.length - (trimmed[i] as Buffer).length)));
    report.trimmed += todo.length;
    return 0;
  }
  // Per record, in this order on its key's connection: its size, the trim, its size again.
  const commands = todo.flatMap((r, i): RedisCommand[] => {
    const key = k.article(r.id);
    return [
      ['MEMORY', 'USAGE', key],
      ['EVAL', TRIM_SCRIPT, 1, key, r.value, trimmed[i] as Buffer, k.changes, changedStreams(r.article)],
      ['MEMORY', 'USAGE', key],
    ];
  });
  const answers = await sendTogether(deps.redis, commands);
  let raced = 0;
  todo.forEach((_, i) => {
    const [before, wrote, after] = answers.slice(i * 3, i * 3 + 3);
    if (wrote !== 1) {
      report.skipped++;
      raced++;
      return;
    }
    report.trimmed++;
    report.bytesFreed += Math.max(0, Number(before ?? 0) - Number(after ?? 0));
  });
  return raced;
}

/** Drops the records (a dry run only counts them). */
async function dropBatch(deps: PruneDeps, k: KeySchema, records: { id: string; article: Article }[], report: PruneReport): Promise<void> {
  if (records.length === 0) return;
  const answers = await sendTogether(
    deps.redis,
    records.flatMap((r): RedisCommand[] => [
      ['MEMORY', 'USAGE', k.article(r.id)],
      ['MEMORY', 'USAGE', k.articleUrls(r.id)],
    ]),
  );
  const sizes = records.map((_, i) => Number(answers[i * 2] ?? 0) + Number(answers[i * 2 + 1] ?? 0));
  if (deps.dryRun) {
    report.dropped += records.length;
    report.bytesFreed += sizes.reduce((a, b) => a + b, 0);
    return;
  }
  for (const [i, r] of records.entries()) {
    if (await deps.store.remove(r.id)) {
      report.dropped++;
      report.bytesFreed += sizes[i] as number;
    } else report.skipped++;
  }
}

/** Prune one source: see the file comment. */
export async function pruneSource(deps: PruneDeps, policy: PrunePolicy): Promise<PruneReport> {
  const k = keys(deps.prefix);
  const cutoffMs = deps.clock.now() - policy.days * 86_400_000;
  const report = emptyReport(policy, cutoffMs, deps.dryRun);
  const batch = Math.max(1, deps.batch ?? DEFAULT_BATCH);
  const index = k.index({ kind: 'source', id: policy.sourceId });
  const markKey = k.retentionMark(policy.sourceId);
  const mark = policy.mode === 'trim' ? readMark(await deps.redis.get(markKey), policy.days, cutoffMs) : null;
  // Until something holds it (a raced or unreadable record), the mark follows the walk.
  let held = false;
  // Where the walk is: a score, and the entries at that score it has passed. A position, not an offset from
  // the start, so a record that leaves the range behind it (re-dated by a crawl, removed) makes it skip nothing.
  let fromScore = mark === null ? '-inf' : String(mark);
  let passed = new Set<string>();
  for (;;) {
    if (deps.stop?.()) {
      report.interrupted = true;
      return report;
    }
    const flat = await deps.redis.zrangebyscore(index, fromScore, String(cutoffMs), 'WITHSCORES', 'LIMIT', 0, batch + passed.size);
    const entries = pairs(flat).filter(([id, score]) => !(score === fromScore && passed.has(id)));
    const ids = entries.map(([id]) => id);
    const scores = entries.map(([, score]) => score);
    if (ids.length === 0) return report;
    report.looked += ids.length;
    const corruptBefore = report.corrupt;
    const records = (await readBatch(deps, k, ids, report)).filter((r) => {
      // An index entry of another source's record is not this prune's to touch.
      if (r.article.source === policy.sourceId) return true;
      report.skipped++;
      return false;
    });
    if (policy.mode === 'trim') {
      const raced = await trimBatch(deps, k, records, report);
      held ||= raced > 0 || report.corrupt > corruptBefore;
      if (!held && !deps.dryRun) await deps.redis.set(markKey, markValue(policy.days, scores.at(-1) as string));
    } else {
      await dropBatch(deps, k, records, report);
    }
    const last = scores.at(-1) as string;
    const atLast = ids.filter((_, i) => scores[i] === last);
    passed = last === fromScore ? new Set([...passed, ...atLast]) : new Set(atLast);
    fromScore = last;
    if (ids.length < batch) return report;
  }
}

/** A WITHSCORES reply as [member, score] pairs. */
function pairs(flat: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] as string, flat[i + 1] as string]);
  return out;
}

/**
 * The mark is kept with the days it was walked for: under a longer retention a crawl stores whole articles
 * behind it (they are not past the new cutoff yet), so a mark of other days, or past the cutoff, starts the walk over.
 */
function markValue(days: number, score: string): string {
  return `${days}:${score}`;
}

function readMark(value: string | null, days: number, cutoffMs: number): number | null {
  const m = value === null ? null : /^(\d+):(.+)$/.exec(value);
  if (!m || Number(m[1]) !== days) return null;
  const ms = Number(m[2]);
  return Number.isFinite(ms) && ms <= cutoffMs ? ms : null;
}

/** Prune every source with a policy, one after another (sources without one keep their articles forever). */
export async function pruneSources(deps: PruneDeps, policies: readonly PrunePolicy[]): Promise<PruneReport[]> {
  const reports: PruneReport[] = [];
  for (const policy of policies) {
    reports.push(await pruneSource(deps, policy));
    if (reports.at(-1)?.interrupted) break;
  }
  return reports;
}
