/**
 * The operations both the ops API and the CLI offer, against one Redis:
 * per-source state, enqueue, pause/resume, reset backoff, clearing a run
 * lock by hand, recent jobs and stored records. Inputs are checked here once, so the two front ends
 * cannot disagree about what is valid.
 */
import type { SourceConfig } from '../config/index.js';
import type { Article } from '../core/article.js';
import { SLUG } from '../core/article.js';
import type { Clock } from '../core/clock.js';
import { BantinError, InputError } from '../core/errors.js';
import type { CrawlQueue } from '../queue/index.js';
import type { ArticleStore, CrawlStateStore, LastRun, ProfileDriftStore } from '../store/index.js';
import { coveredWindows } from '../crawl/index.js';
import { JOB_STATES, jobView, type JobState, type JobView } from './jobs.js';
import { nextFire } from './next-fire.js';
import { unlessUnavailable } from '../core/unavailable.js';
import { clearLock, leaseView, type LeaseView } from './unlock.js';

/** A source, job or article id that names nothing. */
export class UnknownIdError extends BantinError {
  readonly kind = 'unknown-id';

  constructor(
    readonly what: 'source' | 'job' | 'article',
    readonly id: string,
  ) {
    super(`no ${what} "${id}"`);
  }
}

export interface SourceView {
  id: string;
  name: string;
  schedule: { cron: string; timezone: string };
  nextFire: string | null;
  paused: boolean;
  consecutiveFailures: number;
  backoffUntil: string | null;
  /** The job holding the run lock, when a run is going (null once its lease lapsed). */
  runningJob: string | null;
  /** The run lock's lease: who holds it, since when, last renewed, lapsing at. */
  lock: LeaseView | null;
  lastRun: (Omit<LastRun, 'startedAt' | 'finishedAt'> & { startedAt: string; finishedAt: string; durationMs: number }) | null;
  /** Scheduled ticks not run, by reason. */
  skips: Record<string, number>;
  articles: number;
  /** Fields the site profile finds in under half of the recent articles: the site's markup changed. */
  drift: DriftView[];
}

export interface DriftView {
  field: string;
  /** Of the last `counted` articles with the field, how many had it from the profile. */
  profile: number;
  counted: number;
  since: string;
}

export interface JobQuery {
  source?: string;
  state?: string;
  limit?: string | number;
}

export interface OpsService {
  sources(): Promise<SourceView[]>;
  source(id: string): Promise<SourceView>;
  crawl(id: string): Promise<{ jobId: string }>;
  pause(id: string): Promise<SourceView>;
  resume(id: string): Promise<SourceView>;
  resetBackoff(id: string): Promise<SourceView>;
  /** Clear the source's run lock; refused (LockHeldError) while its holder still renews it, unless `force`. */
  unlock(id: string, options: { force: boolean }): Promise<{ cleared: LeaseView | null; source: SourceView }>;
  jobs(query: JobQuery): Promise<JobView[]>;
  job(id: string): Promise<JobView>;
  article(id: string): Promise<Article>;
}

export interface OpsDeps {
  sources: SourceConfig[];
  crawlState: CrawlStateStore;
  drift: Pick<ProfileDriftStore, 'read'>;
  store: Pick<ArticleStore, 'get' | 'count'>;
  queue: CrawlQueue;
  clock: Clock;
}

const JOB_ID = /^[A-Za-z0-9_-]{1,200}$/;
const ARTICLE_ID = /^[a-z0-9]{16}$/;
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
/** Jobs read per state before filtering: the queue keeps at most 1000 finished and 1000 failed. */
const SCAN = 1000;

function parseLimit(raw: string | number | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  const n = typeof raw === 'number' ? raw : /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) throw new InputError('limit', `must be a whole number from 1 to ${MAX_LIMIT}`);
  return n;
}

function parseState(raw: string | undefined): JobState[] {
  if (raw === undefined) return [...JOB_STATES];
  const state = JOB_STATES.find((s) => s === raw);
  if (!state) throw new InputError('state', `must be one of ${JOB_STATES.join(', ')}`);
  return [state];
}

export function createOpsService(deps: OpsDeps): OpsService {
  const byId = new Map(deps.sources.map((s) => [s.id, s]));

  const sourceOf = (id: string): SourceConfig => {
    if (!SLUG.test(id)) throw new InputError('id', 'must be a source id (lowercase ASCII slug)');
    const source = byId.get(id);
    if (!source) throw new UnknownIdError('source', id);
    return source;
  };

  const view = async (source: SourceConfig): Promise<SourceView> => {
    const [state, articles, windows] = await Promise.all([
      deps.crawlState.get(source.id),
      deps.store.count({ kind: 'source', id: source.id }),
      deps.drift.read(source.id),
    ]);
    const next = nextFire(source.schedule.cron, source.schedule.timezone, deps.clock.now());
    const run = state.lastRun;
    return {
      id: source.id,
      name: source.name,
      schedule: { cron: source.schedule.cron, timezone: source.schedule.timezone },
      nextFire: next === null ? null : new Date(next).toISOString(),
      paused: state.paused,
      consecutiveFailures: state.consecutiveFailures,
      backoffUntil: state.backoffUntil !== null && state.backoffUntil > deps.clock.now() ? new Date(state.backoffUntil).toISOString() : null,
      runningJob: state.runningJob,
      lock: leaseView(state.lease),
      lastRun:
        run === null
          ? null
          : {
              ...run,
              startedAt: new Date(run.startedAt).toISOString(),
              finishedAt: new Date(run.finishedAt).toISOString(),
              durationMs: run.finishedAt - run.startedAt,
            },
      skips: state.skips,
      articles,
      drift: coveredWindows(source.profile, windows).flatMap((w) =>
        w.since === null ? [] : [{ field: w.field, profile: w.profile, counted: w.counted, since: new Date(w.since).toISOString() }],
      ),
    };
  };

  const jobs = async (query: JobQuery): Promise<JobView[]> => {
    const limit = parseLimit(query.limit);
    const states = parseState(query.state);
    if (query.source !== undefined) sourceOf(query.source);
    const found: JobView[] = [];
    const byState = await unlessUnavailable('queue', () =>
      Promise.all(states.map(async (state) => ({ state, jobs: await deps.queue.queue.getJobs([state], 0, SCAN - 1) }))),
    );
    for (const { state, jobs: list } of byState) {
      for (const job of list) {
        const v = jobView(job, state);
        if (v && (query.source === undefined || v.sourceId === query.source)) found.push(v);
      }
    }
    // Newest first: by when the run started, else when it was enqueued.
    const at = (v: JobView): number => Date.parse(v.startedAt ?? v.enqueuedAt);
    return found.sort((a, b) => at(b) - at(a)).slice(0, limit);
  };

  return {
    sources: () => Promise.all(deps.sources.map(view)),
    source: (id) => view(sourceOf(id)),
    async crawl(id) {
      const source = sourceOf(id);
      const jobId = await unlessUnavailable('queue', () => deps.queue.enqueueRun({ sourceId: source.id, slot: null, trigger: 'manual', pages: null }));
      return { jobId };
    },
    async pause(id) {
      const source = sourceOf(id);
      await deps.crawlState.setPaused(source.id, true);
      return view(source);
    },
    async resume(id) {
      const source = sourceOf(id);
      await deps.crawlState.setPaused(source.id, false);
      return view(source);
    },
    async resetBackoff(id) {
      const source = sourceOf(id);
      await deps.crawlState.resetBackoff(source.id);
      return view(source);
    },
    async unlock(id, { force }) {
      const source = sourceOf(id);
      const cleared = await clearLock(deps.crawlState, deps.clock, source.id, force);
      return { cleared, source: await view(source) };
    },
    jobs,
    async job(id) {
      if (!JOB_ID.test(id)) throw new InputError('id', 'must be a job id (letters, digits, - and _)');
      const job = await unlessUnavailable('queue', () => deps.queue.queue.getJob(id));
      if (!job) throw new UnknownIdError('job', id);
      const v = jobView(job, await unlessUnavailable('queue', () => job.getState()));
      if (!v) throw new UnknownIdError('job', id);
      return v;
    },
    async article(id) {
      if (!ARTICLE_ID.test(id)) throw new InputError('id', 'must be an article id (16 lowercase letters and digits)');
      const article = await deps.store.get(id);
      if (!article) throw new UnknownIdError('article', id);
      return article;
    },
  };
}
