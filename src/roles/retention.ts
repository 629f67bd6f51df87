/**
 * Retention on the scheduler: one cron task (BANTIN_RETENTION_CRON, Hanoi
 * time) that prunes every source with a retention policy, fired once per
 * slot across every scheduler process by the same coordinator as the
 * crawls (SET NX on the slot's key). It logs one line with the figures and
 * counts them in the metrics. `bantin store prune` runs the same prune.
 */
import { retentionPolicy, type Settings, type SourceConfig } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { Metrics } from '../metrics/index.js';
import { createScheduler, type FireOutcome, type Schedulable, type Scheduler, type SchedulerDeps } from '../schedule/index.js';
import { keys, pruneSources, type ArticleStore, type PrunePolicy, type PruneReport } from '../store/index.js';

/** Each source's policy (config/retention.ts decides which applies); a source kept forever has none. */
export function prunePolicies(
  sources: readonly Pick<SourceConfig, 'id' | 'retention'>[],
  settings: Pick<Settings, 'BANTIN_RETENTION_DAYS' | 'BANTIN_RETENTION_MODE'>,
): PrunePolicy[] {
  return sources.flatMap((s) => {
    const policy = retentionPolicy(s, settings);
    return policy === null ? [] : [{ sourceId: s.id, ...policy }];
  });
}

/** The figures of a prune summed over its sources. */
export function pruneTotals(reports: readonly PruneReport[]): { trimmed: number; dropped: number; bytesFreed: number } {
  return reports.reduce((t, r) => ({ trimmed: t.trimmed + r.trimmed, dropped: t.dropped + r.dropped, bytesFreed: t.bytesFreed + r.bytesFreed }), {
    trimmed: 0,
    dropped: 0,
    bytesFreed: 0,
  });
}

export interface RetentionDeps {
  /** The coordinator's client; the prune sends single-key commands on it too. */
  redis: SchedulerDeps<Schedulable>['redis'];
  prefix: string;
  store: ArticleStore;
  clock: Clock;
  log: Logger;
  metrics: Pick<Metrics, 'retentionPruned'>;
  /** When to prune (node-cron syntax, Asia/Ho_Chi_Minh). */
  cron: string;
  policies: readonly PrunePolicy[];
  /** Set once the role stops: a prune under way ends after its batch in hand. */
  stopping: () => boolean;
}

export const RETENTION_TASK = 'retention';

/** The retention task, not started yet; null when no source has a policy (nothing to prune, no task). */
export function createRetentionSchedule(deps: RetentionDeps): Scheduler | null {
  if (deps.policies.length === 0) return null;
  const k = keys(deps.prefix);
  // node-cron's destroy does not wait for a task it already started: stop waits for the prune in hand, which
  // `stopping` ends after its batch, so a drop is never cut between its remove and its index steps.
  let inFlight: Promise<FireOutcome> | null = null;
  const scheduler = createScheduler({
    sources: [{ id: RETENTION_TASK, schedule: { cron: deps.cron, timezone: 'Asia/Ho_Chi_Minh', maxRandomDelaySeconds: 0 } }],
    namespace: 'retention',
    redis: deps.redis,
    slotKey: k.scheduleSlot,
    log: deps.log,
    fire(_task, slot) {
      const run = prune(slot);
      inFlight = run;
      return run.finally(() => {
        if (inFlight === run) inFlight = null;
      });
    },
  });

  async function prune(slot: Date): Promise<FireOutcome> {
    const reports = await pruneSources(
      {
        redis: deps.redis,
        prefix: deps.prefix,
        store: deps.store,
        clock: deps.clock,
        dryRun: false,
        stop: deps.stopping,
        onCorrupt: (error) => deps.log.error({ err: error, key: error.key }, 'retention: corrupt record left as it is'),
      },
      deps.policies,
    );
    for (const r of reports) deps.metrics.retentionPruned(r.sourceId, r.trimmed, r.dropped, r.bytesFreed);
    deps.log.info(
      {
        slot: slot.toISOString(),
        ...pruneTotals(reports),
        interrupted: reports.some((r) => r.interrupted),
        sources: reports.map((r) => ({ source: r.sourceId, mode: r.mode, days: r.days, trimmed: r.trimmed, dropped: r.dropped, bytesFreed: r.bytesFreed })),
      },
      'retention prune done',
    );
    return 'enqueued';
  }

  return {
    start: () => scheduler.start(),
    nextRuns: () => scheduler.nextRuns(),
    async stop() {
      await scheduler.stop();
      // Its failure was the scheduler's to log (schedule fire failed); stopping only waits for it to end.
      await inFlight?.catch(() => undefined);
    },
  };
}
