/**
 * The retention task on two scheduler processes: each slot prunes once, on one of them; the first slot
 * does the work and says so in one log line with the figures, the next find nothing left.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/core/log.js';
import { toVnIso } from '../../src/core/time.js';
import { createRetentionSchedule } from '../../src/roles/retention.js';
import type { Scheduler } from '../../src/schedule/index.js';
import { createRedisStore } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const prefix = 'rs';
const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T00:00:00+07:00');

let redis: TestRedis;
let client: ReturnType<TestRedis['client']>;
beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
});
afterAll(async () => redis.stop());

interface PruneLine {
  msg: string;
  scheduler: number;
  slot: string;
  dropped: number;
  trimmed: number;
  bytesFreed: number;
}

it('prunes once per slot across two schedulers, logging one line with the figures', async () => {
  const store = createRedisStore({ redis: client, prefix, log: silentLogger() });
  for (let n = 1; n <= 5; n++) await store.upsert(makeArticle(n, { publishedAt: toVnIso(NOW - (40 + n) * DAY) }));
  await store.upsert(makeArticle(6, { publishedAt: toVnIso(NOW - DAY) }));

  const lines: PruneLine[] = [];
  const counted: { source: string; dropped: number }[] = [];
  const make = (n: number): Scheduler => {
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) {
          const parsed = JSON.parse(l) as PruneLine;
          if (parsed.msg === 'retention prune done') lines.push({ ...parsed, scheduler: n });
        }
        done();
      },
    });
    const schedule = createRetentionSchedule({
      redis: redis.client(),
      prefix,
      store: createRedisStore({ redis: redis.client(), prefix, log: silentLogger() }),
      clock: { now: () => NOW },
      log: createLogger({ level: 'info', destination: sink }),
      metrics: { retentionPruned: (source, _trimmed, dropped) => void counted.push({ source, dropped }) },
      // Every second, so the test sees several slots.
      cron: '* * * * * *',
      policies: [{ sourceId: 'kinhtedothi', days: 30, mode: 'drop' }],
      stopping: () => false,
    });
    if (schedule === null) throw new Error('a policy makes a task');
    return schedule;
  };
  const schedulers = [make(1), make(2)];
  schedulers.forEach((s) => s.start());
  await expect.poll(() => new Set(lines.map((l) => l.slot)).size, { timeout: 8000, interval: 50 }).toBeGreaterThanOrEqual(3);
  await Promise.all(schedulers.map((s) => s.stop()));

  const perSlot = new Map<string, number>();
  for (const l of lines) perSlot.set(l.slot, (perSlot.get(l.slot) ?? 0) + 1);
  expect([...perSlot.values()].every((n) => n === 1)).toBe(true);
  // The five old articles go in the first slot, and no slot after finds one.
  expect(lines.reduce((n, l) => n + l.dropped, 0)).toBe(5);
  expect(lines[0]?.dropped).toBe(5);
  expect(lines[0]?.bytesFreed).toBeGreaterThan(0);
  expect(counted.reduce((n, c) => n + c.dropped, 0)).toBe(5);
  expect(await store.count({ kind: 'source', id: 'kinhtedothi' })).toBe(1);
}, 15_000);

it('makes no task when no source has a retention', () => {
  const schedule = createRetentionSchedule({
    redis: client,
    prefix,
    store: createRedisStore({ redis: client, prefix, log: silentLogger() }),
    clock: { now: () => NOW },
    log: silentLogger(),
    metrics: { retentionPruned: () => undefined },
    cron: '17 3 * * *',
    policies: [],
    stopping: () => false,
  });
  expect(schedule).toBeNull();
});

it('stops only once the prune in hand has finished its batch: a drop is never cut between its steps', async () => {
  await redis.flush();
  const real = createRedisStore({ redis: client, prefix, log: silentLogger() });
  for (let n = 1; n <= 4; n++) await real.upsert(makeArticle(n, { publishedAt: toVnIso(NOW - (40 + n) * DAY) }));
  let stopping = false;
  let releaseRemove: () => void = () => undefined;
  let held = false;
  let started: () => void = () => undefined;
  const removeStarted = new Promise<void>((resolve) => (started = resolve));
  // The store's remove waits until the test lets it go: a prune caught mid-drop when the role stops.
  const store = {
    ...real,
    remove: async (id: string) => {
      if (!held) {
        held = true;
        started();
        await new Promise<void>((go) => (releaseRemove = go));
      }
      return real.remove(id);
    },
  };
  const schedule = createRetentionSchedule({
    redis: client,
    prefix,
    store,
    clock: { now: () => NOW },
    log: silentLogger(),
    metrics: { retentionPruned: () => undefined },
    cron: '* * * * * *',
    policies: [{ sourceId: 'kinhtedothi', days: 30, mode: 'drop' }],
    stopping: () => stopping,
  });
  if (schedule === null) throw new Error('a policy makes a task');
  schedule.start();
  await removeStarted;
  stopping = true;
  let stopped = false;
  const stop = schedule.stop().then(() => (stopped = true));
  // Still in the batch: stop waits for it.
  await new Promise((r) => setImmediate(r));
  expect(stopped).toBe(false);
  releaseRemove();
  await stop;
  expect(stopped).toBe(true);
  // The batch in hand (all four) was finished, each drop with every step: nothing left half-removed.
  expect(await real.count({ kind: 'all' })).toBe(0);
  expect(await client.keys(`${prefix}:article-pending:*`)).toEqual([]);
}, 10_000);
