/**
 * What the server role mounts besides the feeds: `/metrics` (open when no
 * admin token is set, behind the Bearer token otherwise), and, only with a
 * token, the ops API at `/api` and Bull Board at `/admin/queues` (the one
 * place a browser's Basic auth is taken). Without a token the
 * admin surface is not mounted at all, so it answers 404.
 */
import type { Hono } from 'hono';
import type { RedisClient } from '../redis/client.js';
import { createMetricsApp } from './metrics-app.js';
import { adminGuard, createOpsApi, createOpsService, createQueueBoard, JOB_STATES } from '../ops/index.js';
import { createCrawlQueue } from '../queue/index.js';
import { createCrawlStateStore, createProfileDriftStore, keys, type ArticleStore } from '../store/index.js';
import type { Context } from './context.js';
import { watchProfileDrift } from './profile-drift.js';
import { isOwnHub } from '../websub/hub-url.js';
import { buildOwnHubMount } from './own-hub-mount.js';

export const BOARD_PATH = '/admin/queues';

export interface OpsMounts {
  mounts: { path: string; app: Hono }[];
  /** Whether the queue's own connection answers: /readyz fails without it. */
  queueReady(): Promise<boolean>;
  close(): Promise<void>;
}

export function buildOpsMounts(ctx: Context, redis: RedisClient, store: ArticleStore): OpsMounts {
  const prefix = ctx.settings.BANTIN_REDIS_PREFIX;
  const token = ctx.settings.BANTIN_ADMIN_TOKEN;
  const log = ctx.log.child({ component: 'ops' });
  // Only a producer and a reader of the queue: its commands fail after a few reconnects, as the store's do,
  // so the ops API answers 503 while Redis is away instead of waiting for it.
  const queueConnection = ctx.connect('commands');
  const queue = createCrawlQueue({ connection: queueConnection, prefix: keys(prefix).queuePrefix, clock: ctx.clock, log });
  ctx.metrics.watchQueue(() => queue.queue.getJobCounts(...JOB_STATES));
  const drift = createProfileDriftStore({ redis, prefix });
  watchProfileDrift(ctx.metrics, ctx.config.sources, drift);

  const mounts: { path: string; app: Hono }[] = [
    { path: '/metrics', app: createMetricsApp({ metrics: ctx.metrics, guard: token === null ? undefined : adminGuard(token) }) },
  ];
  // No WEBSUB_HUB_URL: bantin is the hub for its own feeds.
  const hub = isOwnHub(ctx.settings) ? buildOwnHubMount(ctx, redis, queueConnection) : null;
  if (hub !== null) mounts.push(hub.mount);
  if (token !== null) {
    const ops = createOpsService({ sources: ctx.config.sources, crawlState: createCrawlStateStore({ redis, prefix, clock: ctx.clock }), drift, store, queue, clock: ctx.clock });
    const publicUrl = ctx.settings.BANTIN_PUBLIC_URL;
    mounts.push({ path: '/api', app: createOpsApi({ ops, token, log, publicUrl, websub: hub?.status }) });
    mounts.push({ path: BOARD_PATH, app: createQueueBoard({ queues: [queue.queue], token, basePath: BOARD_PATH, publicUrl }) });
  }
  return {
    mounts,
    async queueReady() {
      return (await queueConnection.ping()) === 'PONG';
    },
    close: async () => {
      await Promise.all([queue.close(), hub?.close()]);
    },
  };
}
