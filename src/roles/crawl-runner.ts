/**
 * Runs one source crawl with everything around it: the run lock (no two
 * runs of a source at once), the crawl state (last run, failures, backoff)
 * and the WebSub ping for what changed. The worker role and `crawl --once`
 * both go through here.
 */
import type { Article } from '../core/article.js';
import type { SourceConfig } from '../config/index.js';
import { crawlSource, type CrawlDeps, type CrawlEvent, type CrawlReport } from '../crawl/index.js';
import type { CrawlStateStore } from '../store/index.js';
import type { Metrics } from '../metrics/index.js';

export interface RunnerDeps extends CrawlDeps {
  crawlState: CrawlStateStore;
  /** Told about every article stored new or updated in a run, once per run. */
  onChanged?: (articles: Article[]) => void;
  /** Articles by outcome and extraction fallbacks are counted here when given. */
  metrics?: Metrics;
}

export type RunOutcome = { kind: 'ran'; report: CrawlReport } | { kind: 'overlap'; runningJob: string | null };

/** Longest a run may hold the lock if its process dies without releasing it. */
const LOCK_TTL_MS = 2 * 3600_000;

export async function runSource(
  source: SourceConfig,
  jobId: string,
  deps: RunnerDeps,
  options: { signal?: AbortSignal; onEvent?: (e: CrawlEvent) => void; pages?: number | null } = {},
): Promise<RunOutcome> {
  if (!(await deps.crawlState.lockRun(source.id, jobId, LOCK_TTL_MS))) {
    await deps.crawlState.recordSkip(source.id, 'overlap');
    return { kind: 'overlap', runningJob: (await deps.crawlState.get(source.id)).runningJob };
  }
  try {
    const changed: Article[] = [];
    const report = await crawlSource(source, deps, { ...options, onStored: (a) => changed.push(a) });
    await deps.crawlState.recordRun(source.id, {
      jobId,
      status: report.status,
      reason: report.reason,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      counts: {
        discovered: report.discovered,
        fetched: report.fetched,
        new: report.new,
        updated: report.updated,
        unchanged: report.unchanged,
        failed: report.failed,
      },
    });
    if (deps.metrics) countRun(deps.metrics, report, changed);
    if (changed.length > 0) deps.onChanged?.(changed);
    return { kind: 'ran', report };
  } finally {
    await deps.crawlState.unlockRun(source.id, jobId);
  }
}

function countRun(metrics: Metrics, report: CrawlReport, changed: Article[]): void {
  metrics.articles(report.sourceId, 'new', report.new);
  metrics.articles(report.sourceId, 'updated', report.updated);
  metrics.articles(report.sourceId, 'unchanged', report.unchanged);
  for (const article of changed) {
    for (const [field, from] of Object.entries(article.extraction)) {
      if (from !== 'profile') metrics.extractionFallback(report.sourceId, field, from);
    }
  }
}
