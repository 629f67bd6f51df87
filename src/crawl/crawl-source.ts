/**
 * One crawl of one source, the whole way: discover → fetch → extract →
 * normalize → store. Used by the queue worker and by `bantin crawl --once`,
 * so both run exactly the same pipeline. A failure on one article is
 * classified and counted; it never stops the others.
 */
import type { SourceConfig } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import { BantinError, CorruptRecordError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { discover, type DiscoveredLink } from '../discover/index.js';
import { decodeHtml, extractPage } from '../extract/index.js';
import { FetchError, type Fetcher } from '../fetch/index.js';
import { normalizeArticle } from '../normalize/index.js';
import type { Article } from '../core/article.js';
import type { ArticleStore, UpsertOutcome } from '../store/index.js';
import { reconcile } from './reconcile.js';
import type { CrawlEvent, CrawlReport } from './report.js';

export interface CrawlDeps {
  fetcher: Fetcher;
  store: ArticleStore;
  clock: Clock;
  log: Logger;
}

export interface CrawlOptions {
  signal?: AbortSignal;
  onEvent?: (event: CrawlEvent) => void;
  /** Walk listings back this many pages (backfill) instead of the source's default. */
  pages?: number | null;
  /** Called with every article stored new or updated (WebSub, metrics). */
  onStored?: (article: Article, outcome: UpsertOutcome) => void;
}

/** Known URLs re-checked per run for corrections, after every new one. */
const RECHECK_PER_RUN = 20;

/** Fetch failures count by the fetcher's class; every other typed error by its kind. */
function failureClass(error: unknown): string {
  if (error instanceof FetchError) return error.failure;
  if (error instanceof BantinError) return error.kind;
  return 'internal';
}

async function pool<T>(items: T[], width: number, signal: AbortSignal | undefined, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

export async function crawlSource(source: SourceConfig, deps: CrawlDeps, options: CrawlOptions = {}): Promise<CrawlReport> {
  const { fetcher, store, clock, log } = deps;
  const report: CrawlReport = {
    sourceId: source.id,
    startedAt: clock.now(),
    finishedAt: 0,
    status: 'ok',
    reason: null,
    discovered: 0,
    fetched: 0,
    new: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    failures: {},
  };
  const countFailure = (cls: string): void => {
    report.failures[cls] = (report.failures[cls] ?? 0) + 1;
  };

  const found = await discover(source, {
    fetcher,
    isKnown: (url) => store.hasUrl(url),
    log,
    mode: { backfillPages: options.pages ?? undefined },
  });
  for (const f of found.failures) countFailure(f.failure);
  report.discovered = found.links.length;

  // New links first, then a few known ones to pick up corrections.
  const known = await Promise.all(found.links.map((l) => store.hasUrl(l.url)));
  const fresh = found.links.filter((_, i) => !known[i]);
  const recheck = found.links.filter((_, i) => known[i]).slice(0, RECHECK_PER_RUN);
  const todo = [...fresh, ...recheck].slice(0, source.discovery.maxArticlesPerRun);
  options.onEvent?.({ type: 'discovered', total: found.links.length, toFetch: todo.length, failures: found.failures.length });

  let done = 0;
  const crawlOne = async (link: DiscoveredLink): Promise<void> => {
    let outcome: UpsertOutcome | 'failed' = 'failed';
    let failure: string | undefined;
    try {
      const stored = await fetchAndStore(source, link, deps);
      report.fetched++;
      outcome = stored.outcome;
      report[outcome]++;
      if (outcome !== 'unchanged') options.onStored?.(stored.article, outcome);
    } catch (error) {
      failure = failureClass(error);
      if (failure === 'internal') log.error({ err: error, url: link.url, source: source.id }, 'unexpected crawl error');
      else log.warn({ url: link.url, source: source.id, failure, msg2: (error as Error).message }, 'article failed');
      countFailure(failure);
      report.failed++;
    }
    done++;
    options.onEvent?.({ type: 'article', url: link.url, outcome, failure, done, of: todo.length });
  };
  await pool(todo, Math.max(1, source.politeness.concurrency), options.signal, crawlOne);

  report.finishedAt = clock.now();
  const nothingFound = found.links.length === 0 && found.failures.length > 0;
  const allFailed = todo.length > 0 && report.failed === todo.length;
  if (nothingFound) {
    report.status = 'failed';
    report.reason = `discovery failed: ${found.failures.map((f) => `${f.url} (${f.failure})`).join(', ')}`;
  } else if (allFailed) {
    report.status = 'failed';
    report.reason = `all ${todo.length} articles failed: ${Object.entries(report.failures).map(([k, v]) => `${k}×${v}`).join(', ')}`;
  } else if (report.failed > 0 || found.failures.length > 0) {
    report.status = 'partial';
  }
  return report;
}

async function fetchAndStore(
  source: SourceConfig,
  link: DiscoveredLink,
  { fetcher, store, clock, log }: CrawlDeps,
): Promise<{ outcome: UpsertOutcome; article: Article }> {
  const response = await fetcher.fetch(link.url, { sourceId: source.id, expect: 'html', conditional: false });
  const html = decodeHtml(response.body, response.contentType);
  const page = extractPage(html, response.url, source.profile);
  const now = clock.now();
  const fresh = normalizeArticle(
    { ...page, events: [...page.events, ...link.events] },
    { sourceId: source.id, datelines: source.profile.datelines, topicAliases: source.topicAliases, fetchedAt: now, now },
  );
  let existing: Article | null = null;
  try {
    existing = await store.get(fresh.id);
  } catch (error) {
    // A corrupt stored copy is replaced by the fresh one, and said so.
    if (!(error instanceof CorruptRecordError)) throw error;
    log.error({ err: error, id: fresh.id }, 'replacing a corrupt stored record');
  }
  const article = reconcile(existing, fresh);
  const aliases = [link.url, response.url].filter((u) => u !== article.url);
  const outcome = await store.upsert(article, { aliases });
  return { outcome, article };
}
