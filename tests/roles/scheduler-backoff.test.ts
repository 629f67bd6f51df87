/**
 * When the scheduler holds a source back: paused, backing off after failed
 * runs (5 min doubling to a 6 h cap, ended by a good run or by the operator's
 * reset-backoff), or still running its previous run. The decision is read
 * from the same crawl state the workers record and the ops CLI shows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { skipReason, type SkipReason } from '../../src/roles/scheduler.js';
import { backoffMs, createCrawlStateStore, type CrawlState, type CrawlStateStore, type LastRun } from '../../src/store/index.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T = Date.parse('2026-11-24T08:00:00+07:00');

const idle: CrawlState = { paused: false, consecutiveFailures: 0, backoffUntil: null, lastRun: null, runningJob: null, lease: null, skips: {} };

describe('skipReason', () => {
  it.each<[string, Partial<CrawlState>, number, SkipReason | null]>([
    ['an idle source fires', {}, T, null],
    ['a paused source is skipped', { paused: true }, T, 'paused'],
    ['backing off until T: skipped a millisecond before', { consecutiveFailures: 1, backoffUntil: T }, T - 1, 'backoff'],
    ['backing off until T: fires at T', { consecutiveFailures: 1, backoffUntil: T }, T, null],
    ['backing off until T: fires after T', { consecutiveFailures: 1, backoffUntil: T }, T + 1, null],
    ['a run still holding the lock is an overlap', { runningJob: 'run:kinhtedothi:1' }, T, 'overlap'],
    ['paused wins over backoff and overlap', { paused: true, backoffUntil: T + HOUR, runningJob: 'j' }, T, 'paused'],
    ['backoff wins over overlap', { backoffUntil: T + HOUR, runningJob: 'j' }, T, 'backoff'],
    ['an overlap still counts once the backoff is over', { backoffUntil: T, runningJob: 'j' }, T, 'overlap'],
  ])('%s', (_what, state, now, expected) => {
    const clock = new ManualClock(now);
    expect(skipReason({ ...idle, ...state }, clock.now())).toBe(expected);
  });
});

describe('backoff in the crawl state', () => {
  let redis: TestRedis;
  let state: CrawlStateStore;
  const clock = new ManualClock(T);
  let runs = 0;

  const run = (status: LastRun['status']): LastRun => {
    runs++;
    const startedAt = clock.now();
    clock.advance(30_000);
    return { jobId: `run-${runs}`, status, reason: status === 'failed' ? 'discovery failed' : null, startedAt, finishedAt: clock.now(), counts: {} };
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    state = createCrawlStateStore({ redis: redis.client(), prefix: 'b' });
  });
  afterAll(async () => redis.stop());
  beforeEach(async () => {
    await redis.flush();
    clock.set(T);
  });

  it('doubles with each consecutive failure from 5 minutes to a 6 hour cap', async () => {
    const waits: number[] = [];
    for (let i = 1; i <= 9; i++) {
      const after = await state.recordRun('kinhtedothi', run('failed'));
      expect(after.consecutiveFailures).toBe(i);
      waits.push(((after.backoffUntil ?? 0) - clock.now()) / MIN);
      expect((after.backoffUntil ?? 0) - clock.now()).toBe(backoffMs(i));
    }
    expect(waits).toEqual([5, 10, 20, 40, 80, 160, 320, 360, 360]);
  });

  it('holds the next scheduled runs until the backoff ends, then fires', async () => {
    await state.recordRun('kinhtedothi', run('failed'));
    const after = await state.recordRun('kinhtedothi', run('failed'));
    const until = after.backoffUntil ?? 0;
    expect(until).toBe(clock.now() + 10 * MIN);
    clock.set(until - 1);
    expect(skipReason(await state.get('kinhtedothi'), clock.now())).toBe('backoff');
    clock.set(until);
    expect(skipReason(await state.get('kinhtedothi'), clock.now())).toBeNull();
  });

  it.each<[string, LastRun['status']]>([
    ['an ok run', 'ok'],
    ['a partial run', 'partial'],
  ])('%s ends the backoff, and the next failure starts again at 5 minutes', async (_what, status) => {
    for (let i = 0; i < 4; i++) await state.recordRun('kinhtedothi', run('failed'));
    const good = await state.recordRun('kinhtedothi', run(status));
    expect(good.consecutiveFailures).toBe(0);
    expect(good.backoffUntil).toBeNull();
    expect(skipReason(good, clock.now())).toBeNull();
    const again = await state.recordRun('kinhtedothi', run('failed'));
    expect((again.backoffUntil ?? 0) - clock.now()).toBe(5 * MIN);
  });

  it('resetBackoff lets the next slot fire and keeps the last run for the operator', async () => {
    for (let i = 0; i < 3; i++) await state.recordRun('kinhtedothi', run('failed'));
    expect(skipReason(await state.get('kinhtedothi'), clock.now())).toBe('backoff');
    await state.resetBackoff('kinhtedothi');
    const after = await state.get('kinhtedothi');
    expect(after).toMatchObject({ consecutiveFailures: 0, backoffUntil: null });
    expect(after.lastRun?.status).toBe('failed');
    expect(skipReason(after, clock.now())).toBeNull();
    const again = await state.recordRun('kinhtedothi', run('failed'));
    expect((again.backoffUntil ?? 0) - clock.now()).toBe(5 * MIN);
  });

  it('a failing source backs off alone: its neighbour fires', async () => {
    await state.recordRun('kinhtedothi', run('failed'));
    await state.recordRun('phapluatxahoi', run('ok'));
    expect(skipReason(await state.get('kinhtedothi'), clock.now())).toBe('backoff');
    expect(skipReason(await state.get('phapluatxahoi'), clock.now())).toBeNull();
  });
});
