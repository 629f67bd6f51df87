/**
 * One crawl of one source, here and now: plan (discover) → every article
 * through crawlArticle, a few at a time → one report. This is what
 * `bantin crawl --once` runs; the worker runs the same plan and the same
 * crawlArticle, but with each article as its own queue job.
 */
import type { Article } from '../core/article.js';
import type { SourceConfig } from '../config/index.js';
import type { UpsertOutcome } from '../store/index.js';
import { crawlArticle, type ArticleResult, type CrawlDeps } from './crawl-article.js';
import { planCrawl } from './plan.js';
import { buildReport, type ArticleOutcome, type CrawlEvent, type CrawlReport } from './report.js';

export interface CrawlOptions {
  /** Aborted: no further article is started; those running finish, and the report says the run was interrupted. */
  signal?: AbortSignal;
  onEvent?: (event: CrawlEvent) => void;
  /** Walk listings back this many pages (backfill) instead of the source's default. */
  pages?: number | null;
  /** Called with every article stored new or updated (WebSub). */
  onStored?: (article: Article, outcome: UpsertOutcome) => void;
  /** Called with every article's result (metrics). */
  onResult?: (result: ArticleResult) => void;
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
  const startedAt = deps.clock.now();
  const plan = await planCrawl(source, deps, options.pages ?? null);
  options.onEvent?.({ type: 'discovered', total: plan.discovered, toFetch: plan.links.length, failures: plan.failures.length });

  const outcomes: ArticleOutcome[] = [];
  await pool(plan.links, Math.max(1, source.politeness.concurrency), options.signal, async (link) => {
    const result = await crawlArticle(source, link, deps);
    options.onResult?.(result);
    if (result.outcome === 'failed') outcomes.push({ outcome: 'failed', failure: result.failure });
    else {
      outcomes.push({ outcome: result.outcome });
      if (result.outcome !== 'unchanged') options.onStored?.(result.article, result.outcome);
    }
    options.onEvent?.({
      type: 'article',
      url: link.url,
      outcome: result.outcome,
      failure: result.outcome === 'failed' ? result.failure : undefined,
      done: outcomes.length,
      of: plan.links.length,
    });
  });

  return buildReport({
    sourceId: source.id,
    startedAt,
    finishedAt: deps.clock.now(),
    discovered: plan.discovered,
    discoveryFailures: plan.failures,
    articles: outcomes,
    ...(outcomes.length < plan.links.length ? { interruptedOf: plan.links.length } : {}),
  });
}
