import { createFetcher, type Fetcher } from '../fetch/index.js';
import type { RedisClient } from '../redis/client.js';
import { instrumentFetcher } from './fetch-metrics.js';
import type { Context } from './context.js';

/** The crawl's one HTTP client, with each source's politeness settings. */
export function buildFetcher(ctx: Context, redis: RedisClient): Fetcher {
  const bySource = new Map(ctx.config.sources.map((s) => [s.id, s]));
  const fetcher = createFetcher({
    redis,
    prefix: ctx.settings.BANTIN_REDIS_PREFIX,
    clock: ctx.clock,
    log: ctx.log.child({ component: 'fetch' }),
    userAgent: ctx.userAgent,
    allowPrivateNetworks: ctx.settings.BANTIN_ALLOW_PRIVATE_NETWORKS,
    politeness: (sourceId) => {
      const source = bySource.get(sourceId);
      return source ? source.politeness : { minIntervalMs: 1000, concurrency: 2 };
    },
  });
  return instrumentFetcher(fetcher, ctx.metrics, ctx.clock);
}
