/**
 * Per-source crawl state in Redis: the last run, consecutive failures and the
 * backoff they imply, pause, and the run lock that keeps two runs of one
 * source from overlapping across every worker process.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { keys } from './keys.js';
import { guarded } from '../core/unavailable.js';

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
  /** The job holding the run lock, if a run is going. */
  runningJob: string | null;
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
  /** Take the run lock; false if another run of the source holds it (the same job may take it again). */
  lockRun(sourceId: string, jobId: string, ttlMs: number): Promise<boolean>;
  unlockRun(sourceId: string, jobId: string): Promise<void>;
}

const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
/** Re-entrant for the same job: a run retried after its worker died takes its own lock back. */
const LOCK = `local held = redis.call('GET', KEYS[1])
if held and held ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

export function createCrawlStateStore(deps: { redis: Redis; prefix: string }): CrawlStateStore {
  return guarded('crawl state', crawlStateStore(deps));
}

function crawlStateStore({ redis, prefix }: { redis: Redis; prefix: string }): CrawlStateStore {
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
    return {
      paused: hash.paused === '1',
      consecutiveFailures: Number(hash.consecutiveFailures ?? 0),
      backoffUntil: backoffUntil > 0 ? backoffUntil : null,
      lastRun,
      runningJob: running,
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
    async lockRun(sourceId, jobId, ttlMs) {
      return (await redis.eval(LOCK, 1, lockKey(sourceId), jobId, String(ttlMs))) === 1;
    },
    async unlockRun(sourceId, jobId) {
      await redis.eval(UNLOCK, 1, lockKey(sourceId), jobId);
    },
  };
}
