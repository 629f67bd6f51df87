/**
 * The scheduler role: fires each source's cron once per slot across all
 * scheduler processes and enqueues a run, unless the source is paused,
 * backing off after failures, or still running its previous run. Every
 * skip is recorded with its reason.
 */
import type { SourceConfig } from '../config/index.js';
import { DISCOVERY_PARTS, type DiscoveryPart } from '../core/discovery-parts.js';
import { createCrawlQueue } from '../queue/index.js';
import { createScheduler, type FireOutcome } from '../schedule/index.js';
import { createCrawlStateStore, createRedisStore, keys, type CrawlState } from '../store/index.js';
import type { Context } from './context.js';
import { within } from '../core/within.js';
import type { RoleHandle } from './role.js';
import { ABANDON_GRACE_MS } from './shutdown.js';
import { enqueueFirstCrawls } from './first-start.js';
import { createRetentionSchedule, prunePolicies } from './retention.js';

export interface SchedulerRole extends RoleHandle {
  nextRuns(): Record<string, Date | null>;
  /** The sources this scheduler enqueued a first crawl of when it started (first-start.ts), once it has looked. */
  readonly firstStart: Promise<string[]>;
}

export type SkipReason = 'paused' | 'backoff' | 'overlap';

/** Why a due run is not enqueued, in order of precedence; null = enqueue it. Backoff ends at `backoffUntil` itself. */
export function skipReason(state: CrawlState, nowMs: number): SkipReason | null {
  if (state.paused) return 'paused';
  if (state.backoffUntil !== null && nowMs < state.backoffUntil) return 'backoff';
  if (state.runningJob !== null) return 'overlap';
  return null;
}

/** One cron task: a source's crawl, or its event pages when they have a schedule of their own. */
interface Entry {
  id: string;
  task: string;
  schedule: SourceConfig['schedule'];
  source: SourceConfig;
  parts: DiscoveryPart[] | null;
}

/** A source's schedule entries: its crawl, and its event pages when they run on their own cron. */
export function entries(source: SourceConfig): Entry[] {
  const eventsCron = source.discovery.events.cron;
  if (eventsCron === null) return [{ id: source.id, task: source.id, schedule: source.schedule, source, parts: null }];
  return [
    { id: source.id, task: source.id, schedule: source.schedule, source, parts: DISCOVERY_PARTS.filter((p) => p !== 'events') },
    { id: source.id, task: `${source.id}.events`, schedule: { ...source.schedule, cron: eventsCron }, source, parts: ['events'] },
  ];
}

export async function startScheduler(ctx: Context): Promise<SchedulerRole> {
  const prefix = ctx.settings.BANTIN_REDIS_PREFIX;
  const k = keys(prefix);
  const redis = ctx.connect('commands');
  const crawlState = createCrawlStateStore({ redis, prefix, clock: ctx.clock });
  const log = ctx.log.child({ role: 'scheduler' });
  const queue = createCrawlQueue({ connection: ctx.connect('queue'), prefix: k.queuePrefix, clock: ctx.clock, log });

  const fire = async (entry: Entry, slot: Date): Promise<FireOutcome> => {
    const { source } = entry;
    const skip = skipReason(await crawlState.get(source.id), ctx.clock.now());
    if (skip !== null) {
      ctx.metrics.schedulerSkip(source.id, skip);
      await crawlState.recordSkip(source.id, skip);
      log.info({ source: source.id, task: entry.task, slot: slot.toISOString(), reason: skip }, 'scheduled run skipped');
      return 'skipped';
    }
    const jobId = await queue.enqueueRun({ sourceId: source.id, slot: slot.toISOString(), trigger: 'schedule', parts: entry.parts });
    ctx.metrics.schedulerFire(source.id);
    log.debug({ source: source.id, task: entry.task, jobId }, 'run enqueued');
    return 'enqueued';
  };

  const scheduler = createScheduler({
    sources: ctx.config.sources.flatMap(entries),
    redis,
    slotKey: k.scheduleSlot,
    log,
    fire,
    onSkip: ({ source }, slot, reason) => {
      // 'not-elected' is the normal case for all schedulers but one: counted, not logged.
      ctx.metrics.schedulerSkip(source.id, reason);
      void crawlState.recordSkip(source.id, reason).catch((err: unknown) => log.error({ err }, 'cannot record skip'));
      if (reason !== 'not-elected') log.info({ source: source.id, slot: slot.toISOString(), reason }, 'scheduled run skipped');
    },
  });
  const store = createRedisStore({ redis, prefix, log });
  let stopping = false;
  const retention = createRetentionSchedule({
    redis,
    prefix,
    store,
    clock: ctx.clock,
    log,
    metrics: ctx.metrics,
    cron: ctx.settings.BANTIN_RETENTION_CRON,
    policies: prunePolicies(ctx.config.sources, ctx.settings),
    stopping: () => stopping,
  });
  scheduler.start();
  retention?.start();
  // Not awaited: the cron tasks are running already, and a Redis away now must not keep the role from starting.
  const firstCrawls = ctx.settings.BANTIN_FIRST_CRAWL
    ? enqueueFirstCrawls({ sources: ctx.config.sources, redis, prefix, clock: ctx.clock, crawlState, store, queue, log }).catch((err: unknown) => {
        log.error({ err }, 'cannot check for sources to crawl at first start');
        return [];
      })
    : Promise.resolve([]);
  return {
    name: 'scheduler',
    firstStart: firstCrawls,
    nextRuns: () => ({ ...scheduler.nextRuns(), ...retention?.nextRuns() }),
    async stop(deadlineMs) {
      stopping = true;
      // Destroying the cron tasks needs no Redis; the queue shares its connection, which the context closes.
      await within(Promise.all([scheduler.stop(), retention?.stop(), firstCrawls]), deadlineMs, undefined);
      await within(queue.close(), ABANDON_GRACE_MS, undefined);
      return [];
    },
  };
}
