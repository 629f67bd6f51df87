import { affectedFeedUrls, createWebSubPublisher, wholeArticlesNeeded, type ChangedArticle } from '../websub/index.js';
import type { Context } from './context.js';
import { buildOwnHubPublisher } from './own-hub.js';

export interface CrawlPublisher {
  changed(articles: readonly ChangedArticle[]): void;
  /** Whether changed needs whole articles: a curated feed's rule names an author or keyword. Otherwise stream fields do. */
  wholeArticles: boolean;
  close(graceMs?: number): Promise<void>;
}

/**
 * WebSub after a crawl: with WEBSUB_HUB_URL, pings to that hub; without it, bantin's own hub fans the
 * change out to its subscribers. `deliver` (the worker role) also runs the hub's verifications and
 * deliveries here; `crawl --once` only queues them for the workers.
 */
export function buildPublisher(ctx: Context, opts: { deliver?: boolean } = {}): CrawlPublisher {
  // Asked once of the config: whether a run's end must read its changed articles whole or only their headers.
  const wholeArticles = wholeArticlesNeeded(ctx.config);
  const hubUrl = ctx.settings.WEBSUB_HUB_URL;
  if (hubUrl === null) return { ...buildOwnHubPublisher(ctx, { deliver: opts.deliver ?? false }), wholeArticles };
  const base = ctx.settings.BANTIN_PUBLIC_URL ?? `http://localhost:${ctx.settings.PORT}`;
  const publisher = createWebSubPublisher({ hubUrl, log: ctx.log.child({ component: 'websub' }), clock: ctx.clock });
  return {
    changed(articles) {
      publisher.publish(affectedFeedUrls(ctx.config, base, articles));
    },
    wholeArticles,
    close: (graceMs) => publisher.close(graceMs),
  };
}
