/**
 * Per-source crawl state in Redis: the last run, consecutive failures and the
 * backoff they imply, pause, and the run lock that keeps two runs of one
 * source from overlapping across every worker process: a lease its holder
 * renews, so a dead holder's lapses (run-lease.ts).
 */
import type { RedisClient } from '../redis/client.js';
import { z } from 'zod';
import { systemClock, type Clock } from '../core/clock.js';
import { keys } from './keys.js';
import { guarded } from '../core/unavailable.js';
import { CLEAR, leaseHeld, parseLease, RELEASE, RENEW, RENEW_MARGIN_MS, TAKE, type ClearOutcome, type LeaseTimes, type RunLease } from './run-lease.js';

const lastRunSchema = z.object({
  jobId: z.string(),
  status: z.enum(['ok', 'partial', 'failed']),
  reason: z.string().nullable(),
  startedAt: z.number(),
  finishedAt: z.number(),
  counts: z.record(z.string(), z.number()),
});
export type LastRun = z.infer<typeof lastRunSchema>;

export interface CrawlState {
  paused: boolean;
  consecutiveFailures: number;
  /** Ticks before this time (epoch ms) are skipped; null = no backoff. */
  backoffUntil: number | null;
  lastRun: LastRun | null;
  /** The job holding the run lock, if a run is going: null once its lease lapsed. */
  runningJob: string | null;
  /** The run lock's lease while it is held. */
  lease: RunLease | null;
  skips: Record<string, number>;
}

/** Exponential backoff after consecutive failures: 5 min, 10, 20... capped at 6 h. */
export function backoffMs(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(6 * 3600_000, 5 * 60_000 * 2 ** (consecutiveFailures - 1));
}

export interface CrawlStateStore {
  get(sourceId: string): Promise<CrawlState>;
  recordRun(sourceId: string, run: LastRun): Promise<CrawlState>;
  recordSkip(sourceId: string, reason: string): Promise<void>;
  setPaused(sourceId: string, paused: boolean): Promise<void>;
  resetBackoff(sourceId: string): Promise<void>;
  /**
   * Take the run lock's lease; false if another run of the source holds it.
   * The same job may take it again (a run re-planned after its worker died),
   * keeping the lease's startedAt.
   */
  lockRun(sourceId: string, jobId: string, times: LeaseTimes): Promise<boolean>;
  /** Renew the job's lease for another `ttlMs`; false when it no longer holds it (lapsed and taken, or cleared by hand). */
  renewRun(sourceId: string, jobId: string, times: LeaseTimes): Promise<boolean>;
  unlockRun(sourceId: string, jobId: string): Promise<void>;
  /** Clear the lock by hand (`bantin unlock`): left alone while its holder still renews it, unless `force`. */
  clearRunLock(sourceId: string, options: { force: boolean }): Promise<ClearOutcome>;
}

export interface CrawlStateDeps {
  redis: RedisClient;
  prefix: string;
  /** What "now" is for leases (taken, renewed, lapsed); the system clock when not given. */
  clock?: Clock;
}

export function createCrawlStateStore(deps: CrawlStateDeps): CrawlStateStore {
  return guarded('crawl state', crawlStateStore(deps));
}

function crawlStateStore({ redis, prefix, clock = systemClock }: CrawlStateDeps): CrawlStateStore {
  const k = keys(prefix);
  const lockKey = k.crawlLock;
  const skipsKey = k.crawlSkips;

  const read = async (sourceId: string): Promise<CrawlState> => {
    const [hash, running, skips] = await Promise.all([
      redis.hgetall(k.crawlState(sourceId)),
      redis.get(lockKey(sourceId)),
      redis.hgetall(skipsKey(sourceId)),
    ]);
    let lastRun: LastRun | null = null;
    if (hash.lastRun) {
      const parsed = lastRunSchema.safeParse(JSON.parse(hash.lastRun));
      lastRun = parsed.success ? parsed.data : null;
    }
    const backoffUntil = Number(hash.backoffUntil ?? 0);
    const lease = parseLease(running);
    const held = leaseHeld(lease, clock.now()) ? lease : null;
    return {
      paused: hash.paused === '1',
      consecutiveFailures: Number(hash.consecutiveFailures ?? 0),
      backoffUntil: backoffUntil > 0 ? backoffUntil : null,
      lastRun,
      runningJob: held?.jobId ?? null,
      lease: held,
      skips: Object.fromEntries(Object.entries(skips).map(([r, n]) => [r, Number(n)])),
    };
  };

  return {
    get: read,
    async recordRun(sourceId, run) {
      const key = k.crawlState(sourceId);
      if (run.status === 'failed') {
        const failures = await redis.hincrby(key, 'consecutiveFailures', 1);
        await redis.hset(key, 'lastRun', JSON.stringify(run), 'backoffUntil', String(run.finishedAt + backoffMs(failures)));
      } else {
        // The first good run ends any backoff by itself.
        await redis.hset(key, 'lastRun', JSON.stringify(run), 'consecutiveFailures', '0', 'backoffUntil', '0');
      }
      return read(sourceId);
    },
    async recordSkip(sourceId, reason) {
      await redis.hincrby(skipsKey(sourceId), reason, 1);
    },
    async setPaused(sourceId, paused) {
      await redis.hset(k.crawlState(sourceId), 'paused', paused ? '1' : '0');
    },
    async resetBackoff(sourceId) {
      await redis.hset(k.crawlState(sourceId), 'consecutiveFailures', '0', 'backoffUntil', '0');
    },
    async lockRun(sourceId, jobId, times) {
      return (await redis.eval(TAKE, 1, lockKey(sourceId), jobId, String(clock.now()), String(times.ttlMs), String(times.renewMs))) === 1;
    },
    async renewRun(sourceId, jobId, times) {
      return (await redis.eval(RENEW, 1, lockKey(sourceId), jobId, String(clock.now()), String(times.ttlMs), String(times.renewMs))) === 1;
    },
    async unlockRun(sourceId, jobId) {
      await redis.eval(RELEASE, 1, lockKey(sourceId), jobId);
    },
    async clearRunLock(sourceId, { force }) {
      const [outcome, raw] = (await redis.eval(CLEAR, 1, lockKey(sourceId), String(clock.now()), String(RENEW_MARGIN_MS), force ? '1' : '0')) as [string, string | null];
      const lease = parseLease(raw);
      if (outcome === 'none' || lease === null) return { outcome: 'none' };
      return { outcome: outcome === 'renewing' ? 'renewing' : 'cleared', lease };
    },
  };
}
