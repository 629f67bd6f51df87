import type { Article } from '../core/article.js';
import { affectedFeedUrls, createWebSubPublisher } from '../websub/index.js';
import type { Context } from './context.js';

/** WebSub pings after a crawl, when WEBSUB_HUB_URL is set; null otherwise. */
export function buildPublisher(ctx: Context): { changed(articles: Article[]): void; close(graceMs?: number): Promise<void> } | null {
  const hubUrl = ctx.settings.WEBSUB_HUB_URL;
  if (hubUrl === null) return null;
  const base = ctx.settings.BANTIN_PUBLIC_URL ?? `http://localhost:${ctx.settings.PORT}`;
  const publisher = createWebSubPublisher({ hubUrl, log: ctx.log.child({ component: 'websub' }), clock: ctx.clock });
  return {
    changed(articles) {
      publisher.publish(affectedFeedUrls(ctx.config, base, articles));
    },
    close: (graceMs) => publisher.close(graceMs),
  };
}
