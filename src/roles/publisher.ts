import type { Article } from '../core/article.js';
import { affectedFeedUrls, createWebSubPublisher } from '../websub/index.js';
import type { Context } from './context.js';
import { buildOwnHubPublisher } from './own-hub.js';

/**
 * WebSub after a crawl: with WEBSUB_HUB_URL, pings to that hub; without it, bantin's own hub fans the
 * change out to its subscribers. `deliver` (the worker role) also runs the hub's verifications and
 * deliveries here; `crawl --once` only queues them for the workers.
 */
export function buildPublisher(ctx: Context, opts: { deliver?: boolean } = {}): { changed(articles: Article[]): void; close(graceMs?: number): Promise<void> } {
  const hubUrl = ctx.settings.WEBSUB_HUB_URL;
  if (hubUrl === null) return buildOwnHubPublisher(ctx, { deliver: opts.deliver ?? false });
  const base = ctx.settings.BANTIN_PUBLIC_URL ?? `http://localhost:${ctx.settings.PORT}`;
  const publisher = createWebSubPublisher({ hubUrl, log: ctx.log.child({ component: 'websub' }), clock: ctx.clock });
  return {
    changed(articles) {
      publisher.publish(affectedFeedUrls(ctx.config, base, articles));
    },
    close: (graceMs) => publisher.close(graceMs),
  };
}
