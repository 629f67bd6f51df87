/**
 * node-cron's run coordinator on Redis: `SET key id NX PX ttl` lets exactly
 * one of N scheduler processes fire a slot; the others are "not elected".
 */
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis/client.js';
import type { RunCoordinator } from 'node-cron';

export function createRedisRunCoordinator(redis: RedisClient, keyFor: (slotKey: string) => string): RunCoordinator {
  const me = randomUUID();
  return {
    async shouldRun(key, ttlMs) {
      // The lease outlives the slot by a margin so a slow peer cannot re-elect itself for it.
      const lease = Math.max(ttlMs, 60_000);
      return (await redis.set(keyFor(key), me, 'PX', lease, 'NX')) === 'OK';
    },
  };
}
