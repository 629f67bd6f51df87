/**
 * The schedule: one node-cron task per entry (a source, and its event
 * pages when they have a cron of their own), fired once per slot across
 * every scheduler process (distributed, Redis-coordinated). A fire only
 * enqueues a crawl job; the job id is derived from source, slot and task,
 * so even a double fire would enqueue once.
 */
import type { RedisClient } from '../redis/client.js';
import cron, { type Logger as CronLogger, type ScheduledTask } from 'node-cron';
import type { SourceConfig } from '../config/index.js';
import type { Logger } from '../core/log.js';
import { createRedisRunCoordinator } from './coordinator.js';

export type FireOutcome = 'enqueued' | 'skipped';

/**
 * All the scheduler needs of a schedule entry: the source's id and schedule,
 * and `task` when one source has several schedules (its event pages).
 */
export type Schedulable = Pick<SourceConfig, 'id' | 'schedule'> & { task?: string };

export interface SchedulerDeps<S extends Schedulable> {
  sources: S[];
  redis: RedisClient;
  /** Key for a coordinator slot (prefix applied by the caller's key schema). */
  slotKey: (slot: string) => string;
  log: Logger;
  /** Called once per elected slot; decides whether to enqueue (pause, backoff, overlap). */
  fire: (source: S, slot: Date) => Promise<FireOutcome>;
  /** Observes every tick not fired here: for metrics and the ops view. */
  onSkip?: (source: S, slot: Date, reason: string) => void;
  /** What the tasks are called, and so their coordinator slots: `crawl` (the default) or another job's own (`retention`). */
  namespace?: string;
}

export interface Scheduler {
  start(): void;
  stop(): Promise<void>;
  /** Next fire time per task (the source id, or the entry's `task`). */
  nextRuns(): Record<string, Date | null>;
}

function cronLogger(log: Logger): CronLogger {
  return {
    info: (m) => log.info({ component: 'cron' }, m),
    warn: (m) => log.warn({ component: 'cron' }, m),
    error: (m, err) => log.error({ component: 'cron', err: m instanceof Error ? m : err }, m instanceof Error ? m.message : m),
    debug: (m) => log.debug({ component: 'cron' }, m instanceof Error ? m.message : m),
  };
}

export function createScheduler<S extends Schedulable>(deps: SchedulerDeps<S>): Scheduler {
  const coordinator = createRedisRunCoordinator(deps.redis, deps.slotKey);
  const tasks = new Map<string, ScheduledTask>();
  const logger = cronLogger(deps.log);

  const build = (source: S): ScheduledTask => {
    const task = cron.createTask(
      source.schedule.cron,
      async (ctx) => {
        const outcome = await deps.fire(source, ctx.date);
        deps.log.info({ source: source.id, slot: ctx.date.toISOString(), outcome }, 'schedule fired');
      },
      {
        name: `${deps.namespace ?? 'crawl'}:${source.task ?? source.id}`,
        timezone: source.schedule.timezone,
        distributed: true,
        runCoordinator: coordinator,
        maxRandomDelay: source.schedule.maxRandomDelaySeconds * 1000,
        noOverlap: true,
        logger,
      },
    );
    task.on('execution:skipped', (ctx) => deps.onSkip?.(source, ctx.date, ctx.reason ?? 'skipped'));
    task.on('execution:overlap', (ctx) => deps.onSkip?.(source, ctx.date, 'overlap'));
    task.on('execution:failed', (ctx) =>
      deps.log.error({ source: source.id, err: ctx.execution?.error }, 'schedule fire failed'),
    );
    return task;
  };

  return {
    start() {
      for (const source of deps.sources) {
        const task = build(source);
        tasks.set(source.task ?? source.id, task);
        void task.start();
      }
      deps.log.info({ tasks: [...tasks.keys()] }, 'scheduler started');
    },
    async stop() {
      await Promise.all([...tasks.values()].map(async (t) => t.destroy()));
      tasks.clear();
    },
    nextRuns() {
      const out: Record<string, Date | null> = {};
      for (const [name, task] of tasks) out[name] = task.getNextRun();
      return out;
    },
  };
}
