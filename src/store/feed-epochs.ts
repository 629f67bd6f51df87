/**
 * When each feed was first asked for, kept in Redis: the date an empty feed
 * carries (RSS lastBuildDate, Atom updated, Last-Modified) instead of 1970,
 * which validators call implausible. The first render of a feed sets it
 * once (HSETNX), so every replica and every restart gives the same date and
 * an empty feed's bytes and ETag stay put.
 */
import type { RedisClient } from '../redis/client.js';
import { guarded } from '../core/unavailable.js';

export interface FeedEpochs {
  /** Epoch ms the feed `name` (`feeds/all`, `categories/the-thao`) was first asked for; `nowMs` if this is the first time. */
  firstAsked(name: string, nowMs: number): Promise<number>;
}

export function createFeedEpochs({ redis, prefix }: { redis: RedisClient; prefix: string }): FeedEpochs {
  const key = `${prefix}:feed-epochs`;
  return guarded('feed epochs', {
    async firstAsked(name, nowMs) {
      const [[setErr] = [null], [getErr, value] = [null, null]] = (await redis.pipeline().hsetnx(key, name, String(nowMs)).hget(key, name).exec()) ?? [];
      if (setErr) throw setErr;
      if (getErr) throw getErr;
      const ms = Number(value);
      return Number.isSafeInteger(ms) && ms > 0 ? ms : nowMs;
    },
  });
}

/** Without Redis (tests composing the app by hand): the first time this process was asked, remembered here. */
export function memoryFeedEpochs(): FeedEpochs {
  const seen = new Map<string, number>();
  return {
    async firstAsked(name, nowMs) {
      if (!seen.has(name)) seen.set(name, nowMs);
      return seen.get(name) as number;
    },
  };
}
