/**
 * One article, the whole way: fetch → extract → normalize → store. Every
 * failure comes back classified (the fetcher's class, or the kind of the
 * typed error); nothing is thrown, so the caller decides about retries.
 */
import type { Article } from '../core/article.js';
import type { SourceConfig } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import { BantinError, CorruptRecordError } from '../core/errors.js';
import { NO_HINTS, type LinkHints } from '../core/hints.js';
import type { Logger } from '../core/log.js';
import type { DiscoveredLink } from '../discover/index.js';
import { FetchError, isRetryable, type Fetcher } from '../fetch/index.js';
import { readArticle } from '../normalize/index.js';
import { StoreUnavailableError, type ArticleStore, type UpsertOutcome } from '../store/index.js';
import { toVnIso } from '../core/time.js';
import { trimArticle } from '../core/trim.js';
import { reconcile } from './reconcile.js';

export interface CrawlDeps {
  fetcher: Fetcher;
  store: ArticleStore;
  clock: Clock;
  log: Logger;
  /**
   * What retention would do to an article now (config/retention.ts retentionDue), asked of one the store does not
   * hold: `drop`, it is not stored (and comes back `unchanged`: the store is); `trim`, it is stored trimmed.
   * Absent: every article is stored whole.
   */
  retention?: (source: SourceConfig, article: Article) => 'trim' | 'drop' | null;
}

/** The link to crawl: its URL, the events whose pages list it, and what discovery said of it. */
export type ArticleLink = Pick<DiscoveredLink, 'url' | 'events'> & { hints?: LinkHints };

export type ArticleResult =
  | { outcome: UpsertOutcome; article: Article; /** JSON-LD blocks skipped as unreadable. */ unreadableJsonLd: number }
  | { outcome: 'failed'; failure: string; message: string; retryable: boolean };

function classify(error: unknown): { failure: string; retryable: boolean } {
  if (error instanceof FetchError) return { failure: error.failure, retryable: isRetryable(error.failure) };
  if (error instanceof StoreUnavailableError) return { failure: error.kind, retryable: true };
  if (error instanceof BantinError) return { failure: error.kind, retryable: false };
  return { failure: 'internal', retryable: false };
}


export async function crawlArticle(source: SourceConfig, link: ArticleLink, deps: CrawlDeps): Promise<ArticleResult> {
  const { fetcher, store, clock, log } = deps;
  try {
    const response = await fetcher.fetch(link.url, { sourceId: source.id, expect: 'html', conditional: false });
    const now = clock.now();
    let unreadableJsonLd = 0;
    const fresh = readArticle(response, { source, events: link.events, hints: link.hints ?? NO_HINTS, fetchedAt: now, now, onUnreadableJsonLd: (n) => (unreadableJsonLd = n) });
    let existing: Article | null = null;
    try {
      existing = await store.get(fresh.id);
    } catch (error) {
      // A corrupt stored copy is replaced by the fresh one, and said so.
      if (!(error instanceof CorruptRecordError)) throw error;
      log.error({ err: error, id: fresh.id }, 'replacing a corrupt stored record');
    }
    const due = existing === null ? (deps.retention?.(source, fresh) ?? null) : null;
    if (due === 'drop') {
      // Dropped by retention, still listed by the site: storing it would only have the next prune drop it again.
      log.debug({ url: link.url, source: source.id, publishedAt: fresh.publishedAt }, 'article past retention not stored again');
      return { outcome: 'unchanged', article: fresh, unreadableJsonLd };
    }
    // Past retention already (a backfill, an old URL a sitemap lists): stored as the next prune would leave it.
    const article = due === 'trim' ? trimArticle(fresh, toVnIso(now)) : reconcile(existing, fresh);
    const aliases = [link.url, response.url].filter((u) => u !== article.url);
    const outcome = await store.upsert(article, { aliases });
    return { outcome, article, unreadableJsonLd };
  } catch (error) {
    const { failure, retryable } = classify(error);
    const message = (error as Error).message;
    if (failure === 'internal') log.error({ err: error, url: link.url, source: source.id }, 'unexpected crawl error');
    else log.warn({ url: link.url, source: source.id, failure, reason: message }, 'article failed');
    return { outcome: 'failed', failure, message, retryable };
  }
}
