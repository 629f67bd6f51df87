/**
 * Per-host politeness shared through Redis, so every worker on every machine
 * together respects one budget: a concurrency semaphore (a sorted set of
 * leases, so a crashed worker's slot expires) and a "next allowed time",
 * both taken in one atomic step by each request. Retry-After pushes that time out for
 * the whole host. Times come from the injected clock so tests drive them.
 */
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis/client.js';
import type { Clock } from '../core/clock.js';

const HOLD = `
local now = tonumber(ARGV[1])
local untilMs = tonumber(ARGV[2])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then
  redis.call('SET', KEYS[1], untilMs, 'PX', math.max(untilMs - now, 0) + 60000)
end
return 1
`;

// One step, so a request costs one round trip and its lease covers the wait it was given:
// free the expired leases; when a slot is free, reserve the next request time (refusing one
// more than maxWait away, slot untaken) and lease the slot until that time plus the lease.
// Returns {0, 0} when every slot is taken (poll), {1, wait} when granted, {2, wait} when refused.
const ACQUIRE = `
local now = tonumber(ARGV[1])
local lease = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local interval = tonumber(ARGV[5])
local maxWait = tonumber(ARGV[6])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= limit then return {0, 0} end
local at = math.max(tonumber(redis.call('GET', KEYS[2]) or '0'), now)
local wait = at - now
if wait > maxWait then return {2, wait} end
redis.call('SET', KEYS[2], at + interval, 'PX', wait + interval + 60000)
redis.call('ZADD', KEYS[1], now + wait + lease, ARGV[4])
redis.call('PEXPIRE', KEYS[1], math.max(redis.call('PTTL', KEYS[1]), wait + lease + 60000))
return {1, wait}
`;

export interface HostBudget {
  minIntervalMs: number;
  concurrency: number;
}

export type Slot =
  | { granted: true; waitMs: number; release: () => Promise<void> }
  | { granted: false; waitMs: number };

export interface Politeness {
  /**
   * Take one of the host's concurrent slots (waiting for one), then reserve
   * the next request time. Not granted when that time is more than
   * `maxWaitMs` away (a long Retry-After): the caller fails fast instead of
   * parking a worker. The caller sleeps `waitMs`, sends, then releases.
   */
  acquire(host: string, budget: HostBudget, opts: { leaseMs: number; maxWaitMs: number }): Promise<Slot>;
  /** No request to `host` before `untilMs` (Retry-After), for every worker. */
  hold(host: string, untilMs: number): Promise<void>;
}

/** How often a worker waiting for a concurrency slot looks again. */
const POLL_MS = 50;

/**
 * A host's two keys: its next allowed request time and its leased slots. One script takes both, so the host is
 * their hash tag: on a Redis Cluster they share a slot, and hosts spread over the cluster.
 */
export function politenessKeys(prefix: string) {
  return {
    next: (host: string): string => `${prefix}:host:{${host}}:next`,
    inflight: (host: string): string => `${prefix}:host:{${host}}:inflight`,
  };
}

export function createPoliteness(deps: { redis: RedisClient; prefix: string; clock: Clock; sleep: (ms: number) => Promise<void> }): Politeness {
  const { redis, prefix, clock, sleep } = deps;
  const { next: nextKey, inflight: leaseKey } = politenessKeys(prefix);

  return {
    async acquire(host, budget, opts) {
      const token = randomUUID();
      for (;;) {
        const [state, waitMs] = (await redis.eval(
          ACQUIRE,
          2,
          leaseKey(host),
          nextKey(host),
          clock.now(),
          opts.leaseMs,
          budget.concurrency,
          token,
          budget.minIntervalMs,
          opts.maxWaitMs,
        )) as [number, number];
        const release = async (): Promise<void> => {
          await redis.zrem(leaseKey(host), token);
        };
        if (state === 1) return { granted: true, waitMs, release };
        if (state === 2) return { granted: false, waitMs };
        await sleep(POLL_MS);
      }
    },
    async hold(host, untilMs) {
      await redis.eval(HOLD, 1, nextKey(host), clock.now(), Math.ceil(untilMs));
    },
  };
}
