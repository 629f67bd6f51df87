/**
 * A source's first crawl: elected once across schedulers (roles/first-start.ts
 * takes the slot), and what the front page says while it runs. A source is
 * in its first crawl from the election until its first run is recorded; the
 * articles it found so far are its index's size.
 */
import type { RedisClient } from '../redis/client.js';
import type { Clock } from '../core/clock.js';
import type { CrawlStateStore } from './crawl-state.js';
import { keys } from './keys.js';
import type { ArticleStore } from './types.js';

/** The coordinator slot a source's first crawl is elected by: `<prefix>:schedule:first-start:<source>`. */
export function firstStartSlot(sourceId: string): string {
  return `first-start:${sourceId}`;
}

/** How long the election holds: a first crawl whose job was lost (a queue wiped) is elected again after it. */
export const FIRST_START_LEASE_MS = 24 * 3600_000;

export interface FirstCrawl {
  sourceId: string;
  /** Since when (epoch ms): the run's start, or the election while the run waits for a worker. */
  sinceMs: number;
  /** Articles of the source stored so far. */
  found: number;
}

export interface FirstCrawlDeps {
  /** A Redis or a Redis Cluster: single-key commands only. */
  redis: RedisClient;
  prefix: string;
  crawlState: Pick<CrawlStateStore, 'get'>;
  store: Pick<ArticleStore, 'count'>;
}

/** Take the source's first-crawl slot: true for exactly one caller across every scheduler, until the lease ends. */
export async function electFirstCrawl(deps: Pick<FirstCrawlDeps, 'redis' | 'prefix'> & { clock: Clock }, sourceId: string): Promise<boolean> {
  const key = keys(deps.prefix).scheduleSlot(firstStartSlot(sourceId));
  return (await deps.redis.set(key, String(deps.clock.now()), 'PX', FIRST_START_LEASE_MS, 'NX')) === 'OK';
}

/** Give back an election whose run could not be enqueued, so the next scheduler start tries again. */
export async function releaseFirstCrawl(deps: Pick<FirstCrawlDeps, 'redis' | 'prefix'>, sourceId: string): Promise<void> {
  await deps.redis.del(keys(deps.prefix).scheduleSlot(firstStartSlot(sourceId)));
}

/** The sources of `sourceIds` whose first crawl is under way (elected, no run recorded yet), in that order. */
export async function firstCrawls(deps: FirstCrawlDeps, sourceIds: readonly string[]): Promise<FirstCrawl[]> {
  const k = keys(deps.prefix);
  const found = await Promise.all(
    sourceIds.map(async (sourceId): Promise<FirstCrawl | null> => {
      const [state, elected] = await Promise.all([deps.crawlState.get(sourceId), deps.redis.get(k.scheduleSlot(firstStartSlot(sourceId)))]);
      if (state.lastRun !== null) return null;
      // Elected, or a run of it going (the cron may fire before the election): its first crawl, either way.
      const electedMs = elected !== null && Number.isFinite(Number(elected)) ? Number(elected) : null;
      const sinceMs = state.lease?.startedAt ?? electedMs ?? (state.runningJob !== null ? state.lease?.renewedAt ?? null : null);
      if (sinceMs === null) return null;
      return { sourceId, sinceMs, found: await deps.store.count({ kind: 'source', id: sourceId }) };
    }),
  );
  return found.filter((f): f is FirstCrawl => f !== null);
}
