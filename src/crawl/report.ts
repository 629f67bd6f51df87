/** What one crawl run did: what job stats, logs, the CLI and the ops API show. */
export type FailureCount = Record<string, number>;

export interface CrawlReport {
  sourceId: string;
  startedAt: number;
  finishedAt: number;
  status: 'ok' | 'partial' | 'failed';
  /** Why a failed run failed, in one line. */
  reason: string | null;
  discovered: number;
  fetched: number;
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Failures by class (fetch classes, `not-an-article`, `store-error`...). */
  failures: FailureCount;
}

export type CrawlEvent =
  | { type: 'discovered'; total: number; toFetch: number; failures: number }
  | { type: 'article'; url: string; outcome: 'new' | 'updated' | 'unchanged' | 'failed'; failure?: string; done: number; of: number };

export function summarize(report: CrawlReport): Record<string, number | string | null> {
  return {
    status: report.status,
    reason: report.reason,
    discovered: report.discovered,
    fetched: report.fetched,
    new: report.new,
    updated: report.updated,
    unchanged: report.unchanged,
    failed: report.failed,
    durationMs: report.finishedAt - report.startedAt,
    ...Object.fromEntries(Object.entries(report.failures).map(([k, v]) => [`failures.${k}`, v])),
  };
}
