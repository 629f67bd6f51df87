/**
 * Runs source crawls with everything around them: the run lock (no two runs
 * of a source at once; a lease renewed while this process works on the
 * run, so a dead process's lapses), the crawl state (last run, failures,
 * backoff), metrics and the WebSub ping for what changed.
 *
 * Two paths share every piece: `runSource` crawls here and now (`crawl
 * --once`); the worker's `startQueuedRun` / `runQueuedArticle` /
 * `finishQueuedRun` do the same as a parent job with one child job per
 * article.
 */
import type { Article } from '../core/article.js';
import type { SourceConfig } from '../config/index.js';
import {
  buildReport,
  countsOf,
  crawlArticle,
  crawlSource,
  planCrawl,
  type ArticleResult,
  type CrawlDeps,
  type CrawlEvent,
  type CrawlReport,
} from '../crawl/index.js';
import type { Metrics } from '../metrics/index.js';
import { canonicalUrl } from '../normalize/index.js';
import {
  articleJobId,
  RetryLaterError,
  type ArticleJob,
  type ArticleJobResult,
  type JobContext,
  type RunMemo,
  type SourceRunJob,
} from '../queue/index.js';
import type { CrawlStateStore, ProfileDriftStore } from '../store/index.js';
import type { ChangedArticle } from '../websub/index.js';
import { DEFAULT_LEASE, type LeaseTimes } from '../store/run-lease.js';
import { keepLease, type LeaseKeeper } from './lease-keeper.js';
import { recordDrift } from './profile-drift.js';

export interface RunnerDeps extends CrawlDeps {
  crawlState: CrawlStateStore;
  /** Told about every article stored new or updated in a run, once per run. */
  onChanged?: (articles: ChangedArticle[]) => void;
  /**
   * Whether onChanged needs whole articles (whole when not given). With false, a queued run's end reads only
   * the stream fields of each changed record (its header), not the whole record decoded: ~0.2 ms an article.
   */
  onChangedWhole?: boolean;
  /** Articles by outcome and extraction fallbacks are counted here when given. */
  metrics?: Metrics;
  /** Each new or updated article's profile outcomes go here when given (profile drift). */
  drift?: ProfileDriftStore;
  /** The run lock's lease (RUN_LOCK_TTL_MS, RUN_LOCK_RENEW_MS); DEFAULT_LEASE when not given. */
  lease?: LeaseTimes;
}

export type RunOutcome = { kind: 'ran'; report: CrawlReport } | { kind: 'overlap'; runningJob: string | null };

function countArticle(metrics: Metrics | undefined, sourceId: string, result: ArticleResult): void {
  if (!metrics || result.outcome === 'failed') return;
  metrics.articles(sourceId, result.outcome, 1);
  if (result.unreadableJsonLd > 0) metrics.unreadableJsonLd(sourceId, result.unreadableJsonLd);
  if (result.outcome === 'unchanged') return;
  for (const [field, from] of Object.entries(result.article.extraction)) {
    if (from !== 'profile') metrics.extractionFallback(sourceId, field, from);
  }
}

const leaseOf = (deps: RunnerDeps): LeaseTimes => deps.lease ?? DEFAULT_LEASE;

/**
 * Renew the run's lease while this process works on it. An article job
 * joins a run already going: it renews at once, and says nothing when the
 * lease is gone (its run's own steps say it).
 */
function keep(source: SourceConfig, jobId: string, deps: RunnerDeps, asArticle = false): LeaseKeeper {
  return keepLease({ crawlState: deps.crawlState, log: deps.log, lease: leaseOf(deps) }, source.id, jobId, {
    renewNow: asArticle,
    quiet: asArticle,
    onLost: asArticle
      ? undefined
      : () => deps.log.warn({ source: source.id, jobId }, 'run lock lost (it lapsed and another run took it, or it was cleared by hand): the run goes on without it'),
  });
}

async function lock(source: SourceConfig, jobId: string, deps: RunnerDeps): Promise<RunOutcome | null> {
  if (await deps.crawlState.lockRun(source.id, jobId, leaseOf(deps))) return null;
  await deps.crawlState.recordSkip(source.id, 'overlap');
  return { kind: 'overlap', runningJob: (await deps.crawlState.get(source.id)).runningJob };
}

/** Record the run, ping for what changed, release the lock. */
async function finish(source: SourceConfig, jobId: string, report: CrawlReport, changed: ChangedArticle[], deps: RunnerDeps): Promise<void> {
  try {
    await deps.crawlState.recordRun(source.id, {
      jobId,
      status: report.status,
      reason: report.reason,
      startedAt: report.startedAt,
      finishedAt: report.finishedAt,
      counts: countsOf(report),
    });
    if (changed.length > 0) deps.onChanged?.(changed);
  } finally {
    await deps.crawlState.unlockRun(source.id, jobId);
  }
}

export async function runSource(
  source: SourceConfig,
  jobId: string,
  deps: RunnerDeps,
  options: { signal?: AbortSignal; onEvent?: (e: CrawlEvent) => void; pages?: number | null } = {},
): Promise<RunOutcome> {
  const overlap = await lock(source, jobId, deps);
  if (overlap) return overlap;
  const keeper = keep(source, jobId, deps);
  const changed: Article[] = [];
  const recording: Promise<void>[] = [];
  let report: CrawlReport;
  try {
    report = await crawlSource(source, deps, {
      ...options,
      onStored: (a) => changed.push(a),
      onResult: (result) => {
        countArticle(deps.metrics, source.id, result);
        recording.push(recordDrift(source, result, deps));
      },
    });
    // recordDrift never rejects; waited for so the run's drift is in Redis when the run is recorded.
    await Promise.all(recording);
  } catch (error) {
    keeper.stop();
    await deps.crawlState.unlockRun(source.id, jobId);
    throw error;
  }
  keeper.stop();
  await finish(source, jobId, report, changed, deps);
  return { kind: 'ran', report };
}

/** How step one of a queued run ended: skipped, done already (nothing to fetch), or articles to enqueue. */
export type QueuedStart =
  | { kind: 'overlap'; runningJob: string | null }
  | { kind: 'finished'; report: CrawlReport }
  | { kind: 'children'; memo: RunMemo; articles: { jobId: string; data: ArticleJob }[] };

/**
 * Step one of a queued run: lock, discover, and hand back the article jobs
 * to enqueue. `job.startedAt` is when a worker first took the run: a run
 * re-planned after its worker died is reported from then, not from the
 * re-plan.
 */
export async function startQueuedRun(
  source: SourceConfig,
  jobId: string,
  job: Pick<SourceRunJob, 'pages' | 'parts' | 'startedAt'>,
  deps: RunnerDeps,
): Promise<QueuedStart> {
  const overlap = await lock(source, jobId, deps);
  if (overlap?.kind === 'overlap') return overlap;
  // Renewed while planning; then by each article job as it runs (runQueuedArticle).
  const keeper = keep(source, jobId, deps);
  try {
    const startedAt = job.startedAt ?? deps.clock.now();
    const plan = await planCrawl(source, deps, job.pages, job.parts).finally(() => keeper.stop());
    const memo: RunMemo = {
      startedAt,
      discovered: plan.discovered,
      discoveryFailures: plan.failures.map((f) => ({ url: f.url, failure: f.failure })),
      planned: plan.links.length,
    };
    if (plan.links.length === 0) {
      const report = buildReport({ sourceId: source.id, startedAt, finishedAt: deps.clock.now(), discovered: memo.discovered, discoveryFailures: memo.discoveryFailures, articles: [] });
      await finish(source, jobId, report, [], deps);
      return { kind: 'finished', report };
    }
    const articles = plan.links.map((link) => ({
      jobId: articleJobId(canonicalUrl(link.url)),
      data: { sourceId: source.id, url: link.url, events: link.events, hints: link.hints } satisfies ArticleJob,
    }));
    return { kind: 'children', memo, articles };
  } catch (error) {
    keeper.stop();
    await deps.crawlState.unlockRun(source.id, jobId);
    throw error;
  }
}

/**
 * One article job. While it runs it renews its run's lease, so a run whose
 * articles are spread over several workers holds its source as long as
 * any of them works on it. A failure worth retrying is thrown back to the
 * queue until the last attempt.
 */
export async function runQueuedArticle(source: SourceConfig, job: ArticleJob, ctx: JobContext, deps: RunnerDeps): Promise<ArticleJobResult> {
  const keeper = ctx.runId === null ? null : keep(source, ctx.runId, deps, true);
  let result: ArticleResult;
  try {
    result = await crawlArticle(source, job, deps);
  } finally {
    keeper?.stop();
  }
  countArticle(deps.metrics, source.id, result);
  await recordDrift(source, result, deps);
  if (result.outcome === 'failed') {
    if (result.retryable && !ctx.lastAttempt) throw new RetryLaterError(`${result.failure}: ${result.message}`);
    return { outcome: 'failed', failure: result.failure, message: result.message };
  }
  return { outcome: result.outcome, articleId: result.article.id };
}

/** Step two: every article job is done; one report, recorded like any run. */
export async function finishQueuedRun(
  source: SourceConfig,
  jobId: string,
  memo: RunMemo,
  children: ArticleJobResult[],
  deps: RunnerDeps,
): Promise<CrawlReport> {
  const report = buildReport({
    sourceId: source.id,
    startedAt: memo.startedAt,
    finishedAt: deps.clock.now(),
    discovered: memo.discovered,
    discoveryFailures: memo.discoveryFailures,
    articles: children,
  });
  const changedIds = children.flatMap((c) => (c.outcome === 'new' || c.outcome === 'updated' ? [c.articleId] : []));
  const read = (id: string): Promise<ChangedArticle | null> => (deps.onChangedWhole === false ? deps.store.streamFields(id) : deps.store.get(id));
  const reread = (id: string): Promise<ChangedArticle | null> =>
    read(id).catch((err: unknown) => {
      // The run is done and recorded either way; only this article's WebSub ping is lost.
      deps.log.warn({ err, source: source.id, articleId: id }, 'changed article could not be read back for WebSub');
      return null;
    });
  const changed = deps.onChanged ? (await Promise.all(changedIds.map(reread))).filter((a): a is ChangedArticle => a !== null) : [];
  await finish(source, jobId, report, changed, deps);
  return report;
}
