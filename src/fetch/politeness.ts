/**
 * Per-host politeness shared through Redis, so every worker on every machine
 * together respects one budget: a concurrency semaphore (a sorted set of
 * leases, so a crashed worker's slot expires) and a "next allowed time"
 * reserved atomically by each request. Retry-After pushes that time out for
 * the whole host. Times come from the injected clock so tests drive them.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../core/clock.js';

const RESERVE = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local maxWait = tonumber(ARGV[3])
local at = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
local wait = at - now
if wait > maxWait then return {0, wait} end
redis.call('SET', KEYS[1], at + interval, 'PX', wait + interval + 60000)
return {1, wait}
`;

const HOLD = `
local now = tonumber(ARGV[1])
local untilMs = tonumber(ARGV[2])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then
  redis.call('SET', KEYS[1], untilMs, 'PX', math.max(untilMs - now, 0) + 60000)
end
return 1
`;

const ACQUIRE = `
local now = tonumber(ARGV[1])
local lease = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now + lease, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], lease + 60000)
  return 1
end
return 0
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

export function createPoliteness(deps: { redis: Redis; prefix: string; clock: Clock; sleep: (ms: number) => Promise<void> }): Politeness {
  const { redis, prefix, clock, sleep } = deps;
  const nextKey = (host: string): string => `${prefix}:host:${host}:next`;
  const leaseKey = (host: string): string => `${prefix}:host:${host}:inflight`;

  return {
    async acquire(host, budget, opts) {
      const token = randomUUID();
      while ((await redis.eval(ACQUIRE, 1, leaseKey(host), clock.now(), opts.leaseMs, budget.concurrency, token)) !== 1) {
        await sleep(POLL_MS);
      }
      const release = async (): Promise<void> => {
        await redis.zrem(leaseKey(host), token);
      };
      try {
        const [granted, waitMs] = (await redis.eval(RESERVE, 1, nextKey(host), clock.now(), budget.minIntervalMs, opts.maxWaitMs)) as [number, number];
        if (granted === 1) return { granted: true, waitMs, release };
        await release();
        return { granted: false, waitMs };
      } catch (error) {
        await release();
        throw error;
      }
    },
    async hold(host, untilMs) {
      await redis.eval(HOLD, 1, nextKey(host), clock.now(), Math.ceil(untilMs));
    },
  };
}
