/**
 * bantin's own WebSub hub (no WEBSUB_HUB_URL) as serve mounts it: `/websub`,
 * the subscriptions gauge, and the status behind `GET /api/websub`. Apart
 * from own-hub.ts (the crawling side) because it loads the hub's HTTP side
 * (Hono, the feed catalog), which a worker never uses.
 */
import type { Hono } from 'hono';
import type { RedisClient } from '../redis/client.js';
import { keys } from '../store/index.js';
import { createHubQueue, createSubscriptionStore } from '../websub/index.js';
import { createHubApp, hubStatus, subscribersPerTopic, type HubStatus } from '../websub/hub.js';
import type { Context } from './context.js';
import { retryPolicy } from './own-hub.js';

export interface OwnHubMount {
  mount: { path: string; app: Hono };
  status(): Promise<HubStatus>;
  close(): Promise<void>;
}

/** The mount, the gauge and the status over one subscription store and one producer of the `websub` queue. */
export function buildOwnHubMount(ctx: Context, redis: RedisClient, queueConnection: RedisClient): OwnHubMount {
  const prefix = ctx.settings.BANTIN_REDIS_PREFIX;
  const log = ctx.log.child({ component: 'websub' });
  const subscriptions = createSubscriptionStore({ redis, prefix, clock: ctx.clock });
  const queue = createHubQueue({ connection: queueConnection, prefix: keys(prefix).queuePrefix, log, retry: retryPolicy(ctx) });
  ctx.metrics.watchWebSubSubscribers(() => subscribersPerTopic(subscriptions));
  return {
    mount: { path: '/websub', app: createHubApp({ config: ctx.config, settings: ctx.settings, queue, log }) },
    status: () => hubStatus({ subscriptions, queue, clock: ctx.clock }),
    close: () => queue.close(),
  };
}
