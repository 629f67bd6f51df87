/**
 * Accumulates one discovery run: links deduplicated by URL (events merged,
 * first `via` kept), failures, counters.
 */
import { NO_HINTS, type LinkHints } from '../core/hints.js';
import type { Logger } from '../core/log.js';
import { FetchError } from '../fetch/index.js';
import type { DiscoveredLink, DiscoveryFailure, DiscoveryReport, DiscoveryStats, EventRef } from './types.js';

export interface Collector {
  stats: DiscoveryStats;
  add(url: string, via: DiscoveredLink['via'], event?: EventRef | null, hints?: LinkHints): void;
  /** Records a FetchError as a failure; anything else is a bug and is rethrown. */
  fail(url: string, error: unknown): void;
  failWith(failure: DiscoveryFailure): void;
  report(): DiscoveryReport;
}

export function createCollector(log: Logger, sourceId: string): Collector {
  const links = new Map<string, DiscoveredLink>();
  const failures: DiscoveryFailure[] = [];
  const stats: DiscoveryStats = { feeds: 0, feedItems: 0, emptyFeeds: 0, listingPages: 0, sitemaps: 0, eventPages: 0, notModified: 0 };
  const failWith = (failure: DiscoveryFailure): void => {
    log.warn({ source: sourceId, ...failure }, 'discovery step failed');
    failures.push(failure);
  };
  return {
    stats,
    add(url, via, event, hints) {
      let link = links.get(url);
      if (!link) {
        link = { url, via, events: [], hints: NO_HINTS };
        links.set(url, link);
      }
      // The first place that says something about a field keeps it: a feed before a listing, as discovery runs.
      if (hints) link.hints = { title: link.hints.title ?? hints.title, published: link.hints.published ?? hints.published, section: link.hints.section ?? hints.section };
      if (event && !link.events.some((e) => e.url === event.url)) link.events.push(event);
    },
    fail(url, error) {
      if (!(error instanceof FetchError)) throw error;
      failWith({ url, failure: error.failure, message: error.message });
    },
    failWith,
    report: () => ({ links: [...links.values()], failures, stats }),
  };
}
