import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/log.js';
import { createScheduler, type Schedulable, type Scheduler } from '../../src/schedule/index.js';
import { keys } from '../../src/store/index.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis.stop());

// An every-second cron keeps the test short.
function source(id: string): Schedulable {
  return { id, schedule: { cron: '* * * * * *', timezone: 'Asia/Ho_Chi_Minh', maxRandomDelaySeconds: 0 } };
}

it('fires every slot exactly once across two scheduler processes', async () => {
  const fires: { scheduler: number; source: string; slot: string }[] = [];
  const skips: string[] = [];
  const make = (n: number): Scheduler =>
    createScheduler({
      sources: [source('a'), source('b')],
      redis: redis.client(),
      slotKey: keys('sched-test').scheduleSlot,
      log: silentLogger(),
      fire: async (s, slot) => {
        fires.push({ scheduler: n, source: s.id, slot: slot.toISOString() });
        return 'enqueued';
      },
      onSkip: (_s, _slot, reason) => skips.push(reason),
    });
  const schedulers = [make(1), make(2)];
  schedulers.forEach((s) => s.start());
  // Wait (on events, not a fixed sleep) until three full slots have fired for both sources.
  await expect.poll(() => new Set(fires.filter((f) => f.source === 'b').map((f) => f.slot)).size, { timeout: 8000, interval: 50 }).toBeGreaterThanOrEqual(4);
  await Promise.all(schedulers.map((s) => s.stop()));

  const perSlot = new Map<string, number>();
  for (const f of fires) perSlot.set(`${f.source}@${f.slot}`, (perSlot.get(`${f.source}@${f.slot}`) ?? 0) + 1);
  expect([...perSlot.values()].every((n) => n === 1)).toBe(true);
  expect(perSlot.size).toBeGreaterThanOrEqual(6);
  // The other scheduler saw those slots and stood down.
  expect(skips.filter((r) => r === 'not-elected').length).toBeGreaterThanOrEqual(perSlot.size - 2);
}, 15_000);

it('reports the next run of every source', async () => {
  const s = createScheduler({
    sources: [{ id: 'x', schedule: { cron: '0 6 * * *', timezone: 'Asia/Ho_Chi_Minh', maxRandomDelaySeconds: 0 } }],
    redis: redis.client(),
    slotKey: keys('sched-test-2').scheduleSlot,
    log: silentLogger(),
    fire: async () => 'enqueued',
  });
  s.start();
  const next = s.nextRuns().x;
  await s.stop();
  expect(next).toBeInstanceOf(Date);
  // 06:00 in Hanoi is 23:00 UTC.
  expect(next?.getUTCHours()).toBe(23);
  expect(next?.getUTCMinutes()).toBe(0);
});
