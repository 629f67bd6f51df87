/** What one crawl run did: what job stats, logs, the CLI and the ops API show. */
export type FailureCount = Record<string, number>;

/** The counts of a run, as crawl state, job summaries and the ops API keep them. */
// A type, not an interface: it is stored where any record of numbers goes.
export type RunCounts = {
  discovered: number;
  fetched: number;
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
};

export interface CrawlReport extends RunCounts {
  sourceId: string;
  startedAt: number;
  finishedAt: number;
  status: 'ok' | 'partial' | 'failed';
  /** Why a failed run failed, or why a run stopped short, in one line. */
  reason: string | null;
  /** Failures by class (fetch classes, `not-an-article`, `store-unavailable`...). */
  failures: FailureCount;
}

export type CrawlEvent =
  | { type: 'discovered'; total: number; toFetch: number; failures: number }
  | { type: 'article'; url: string; outcome: 'new' | 'updated' | 'unchanged' | 'failed'; failure?: string; done: number; of: number };

/** The outcome of one article, as much of it as a report needs. */
export type ArticleOutcome = { outcome: 'new' | 'updated' | 'unchanged' } | { outcome: 'failed'; failure: string };

/** One report from what discovery found and what each article came to: both run paths use it. */
export function buildReport(input: {
  sourceId: string;
  startedAt: number;
  finishedAt: number;
  discovered: number;
  discoveryFailures: { url: string; failure: string }[];
  articles: ArticleOutcome[];
  /** Set when the run was stopped before every planned article was tried. */
  interruptedOf?: number;
}): CrawlReport {
  const report: CrawlReport = {
    sourceId: input.sourceId,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    status: 'ok',
    reason: null,
    discovered: input.discovered,
    fetched: 0,
    new: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    failures: {},
  };
  const count = (cls: string): void => {
    report.failures[cls] = (report.failures[cls] ?? 0) + 1;
  };
  for (const f of input.discoveryFailures) count(f.failure);
  for (const a of input.articles) {
    if (a.outcome === 'failed') {
      report.failed++;
      count(a.failure);
    } else {
      report.fetched++;
      report[a.outcome]++;
    }
  }
  const attempted = input.articles.length;
  if (input.discovered === 0 && input.discoveryFailures.length > 0) {
    report.status = 'failed';
    report.reason = `discovery failed: ${input.discoveryFailures.map((f) => `${f.url} (${f.failure})`).join(', ')}`;
  } else if (attempted > 0 && report.failed === attempted) {
    report.status = 'failed';
    report.reason = `all ${attempted} articles failed: ${Object.entries(report.failures).map(([k, v]) => `${k}×${v}`).join(', ')}`;
  } else if (report.failed > 0 || input.discoveryFailures.length > 0) {
    report.status = 'partial';
  }
  if (input.interruptedOf !== undefined && report.status !== 'failed') {
    report.status = 'partial';
    report.reason = `interrupted after ${attempted} of ${input.interruptedOf} articles`;
  }
  return report;
}

export function countsOf(report: CrawlReport): RunCounts {
  const { discovered, fetched, updated, unchanged, failed } = report;
  return { discovered, fetched, new: report.new, updated, unchanged, failed };
}

export function summarize(report: CrawlReport): Record<string, number | string | null> {
  return {
    status: report.status,
    reason: report.reason,
    ...countsOf(report),
    durationMs: report.finishedAt - report.startedAt,
    ...Object.fromEntries(Object.entries(report.failures).map(([k, v]) => [`failures.${k}`, v])),
  };
}
