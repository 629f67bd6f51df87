/**
 * bantin as its own WebSub hub (no WEBSUB_HUB_URL), composed for the roles
 * that crawl: the fan-out after crawls (worker, `crawl --once`) and the
 * queue's processor (worker only: verifications and deliveries run where
 * crawls do). The `/websub` endpoint for serve is own-hub-mount.ts.
 */
import type { Hono } from 'hono';
import type { RedisClient } from '../redis/client.js';
import { createRedisStore, keys } from '../store/index.js';
import { createDocumentStore, createHubNotifier, createHubQueue, createSubscriptionStore, lazyCallbackClient, startHubWorker, type ChangedArticle, type RenderTopic, type RetryPolicy } from '../websub/index.js';
import { within } from '../core/within.js';
import type { Context } from './context.js';

export function retryPolicy(ctx: Context): RetryPolicy {
  return { attempts: ctx.settings.WEBSUB_DELIVERY_ATTEMPTS, baseDelayMs: ctx.settings.WEBSUB_RETRY_BASE_MS };
}

/**
 * Renders a topic the way serve answers it, from this process's own store connection. The server app
 * (Hono, the renderers, the site) is built on the first topic with a subscriber, not at start: a worker
 * or `crawl --once` with no subscribers never loads it (bench:idle).
 */
function topicRenderer(ctx: Context, redis: RedisClient): RenderTopic {
  const log = ctx.log.child({ component: 'websub' });
  let app: Promise<Hono> | null = null;
  const serveApp = (): Promise<Hono> =>
    (app ??= import('../serve/index.js').then(({ createApp }) =>
      createApp({
        store: createRedisStore({ redis, prefix: ctx.settings.BANTIN_REDIS_PREFIX, log }),
        config: ctx.config,
        settings: ctx.settings,
        clock: ctx.clock,
        log,
        ready: async () => ({ ok: true, checks: {} }),
      }),
    ));
  return async (topic) => {
    const res = await (await serveApp()).request(topic);
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, body, contentType: res.headers.get('content-type') ?? 'application/octet-stream', link: res.headers.get('link') ?? '' };
  };
}

export function buildOwnHubPublisher(ctx: Context, opts: { deliver: boolean }): { changed(articles: readonly ChangedArticle[]): void; close(graceMs?: number): Promise<void> } {
  const prefix = ctx.settings.BANTIN_REDIS_PREFIX;
  const log = ctx.log.child({ component: 'websub' });
  const redis = ctx.connect('commands');
  const subscriptions = createSubscriptionStore({ redis, prefix, clock: ctx.clock });
  const documents = createDocumentStore({ redis, prefix });
  const queue = createHubQueue({ connection: redis, prefix: keys(prefix).queuePrefix, log, retry: retryPolicy(ctx) });
  const notifier = createHubNotifier({ config: ctx.config, subscriptions, documents, queue, render: topicRenderer(ctx, redis), clock: ctx.clock, log });
  const client = opts.deliver ? lazyCallbackClient({ allowPrivate: ctx.settings.BANTIN_ALLOW_PRIVATE_NETWORKS, timeoutMs: ctx.settings.WEBSUB_TIMEOUT_MS, userAgent: ctx.userAgent }) : null;
  const worker =
    client === null
      ? null
      : startHubWorker({
          connection: ctx.connect('queue'),
          prefix: keys(prefix).queuePrefix,
          concurrency: ctx.settings.WEBSUB_CONCURRENCY,
          client,
          subscriptions,
          documents,
          clock: ctx.clock,
          log,
          observer: { verification: (mode, outcome) => ctx.metrics.websubVerification(mode, outcome), delivery: (outcome, ms) => ctx.metrics.websubDelivery(outcome, ms) },
        });
  return {
    changed: (articles) => notifier.changed(articles),
    async close(graceMs) {
      await notifier.close(graceMs);
      await worker?.close(graceMs);
      // A delivery still hanging on a callback is cut off; it goes back to the queue as a stalled job.
      const rest = Promise.all([client?.close({ abort: true }), queue.close()]).catch(() => undefined);
      await within(rest, 250, undefined);
    },
  };
}
