/**
 * The run lock as a lease, on a private redis-server with a ManualClock: a
 * holder that stops renewing lets go within the TTL, a live one keeps it,
 * the same job takes its own lease back with its start time, and clearing
 * it by hand is refused while its holder still renews it, unless forced.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { createCrawlStateStore, keys, type CrawlStateStore } from '../../src/store/index.js';
import { RENEW_MARGIN_MS } from '../../src/store/run-lease.js';
import { skipReason } from '../../src/roles/scheduler.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const T = Date.parse('2026-03-02T08:00:00+07:00');
const LEASE = { ttlMs: 60_000, renewMs: 15_000 };
const SOURCE = 'kinhtedothi';
let redis: TestRedis;
let clock: ManualClock;
let state: CrawlStateStore;

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis.stop());
beforeEach(async () => {
  await redis.flush();
  clock = new ManualClock(T);
  state = createCrawlStateStore({ redis: redis.client(), prefix: 'lease', clock });
});

describe('a holder that stops renewing', () => {
  it('holds the source until the TTL is up, then lets go by itself', async () => {
    expect(await state.lockRun(SOURCE, 'dead-run', LEASE)).toBe(true);
    clock.advance(59_000);
    expect((await state.get(SOURCE)).runningJob).toBe('dead-run');
    expect(skipReason(await state.get(SOURCE), clock.now())).toBe('overlap');
    expect(await state.lockRun(SOURCE, 'next-run', LEASE)).toBe(false);

    clock.advance(1_000);
    const lapsed = await state.get(SOURCE);
    expect(lapsed.runningJob).toBeNull();
    expect(lapsed.lease).toBeNull();
    // The scheduler's next tick is no overlap, and the next run takes the lock.
    expect(skipReason(lapsed, clock.now())).toBeNull();
    expect(await state.lockRun(SOURCE, 'next-run', LEASE)).toBe(true);
    expect((await state.get(SOURCE)).runningJob).toBe('next-run');
  });

  it('gives the key a Redis TTL of the lease, so it also disappears on its own', async () => {
    await state.lockRun(SOURCE, 'run', LEASE);
    const ttl = await redis.client().pttl(keys('lease').crawlLock(SOURCE));
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});

describe('a live holder', () => {
  it('keeps the lock past the TTL by renewing it, and the lease says when', async () => {
    await state.lockRun(SOURCE, 'live-run', LEASE);
    for (let i = 0; i < 8; i++) {
      clock.advance(LEASE.renewMs);
      expect(await state.renewRun(SOURCE, 'live-run', LEASE)).toBe(true);
    }
    clock.advance(LEASE.ttlMs - 1);
    expect(await state.lockRun(SOURCE, 'other-run', LEASE)).toBe(false);
    expect((await state.get(SOURCE)).lease).toEqual({
      jobId: 'live-run',
      startedAt: T,
      renewedAt: T + 8 * LEASE.renewMs,
      expiresAt: T + 8 * LEASE.renewMs + LEASE.ttlMs,
      renewMs: LEASE.renewMs,
    });
  });

  it('cannot renew a lease it no longer holds', async () => {
    await state.lockRun(SOURCE, 'slow-run', LEASE);
    clock.advance(LEASE.ttlMs);
    expect(await state.lockRun(SOURCE, 'new-run', LEASE)).toBe(true);
    expect(await state.renewRun(SOURCE, 'slow-run', LEASE)).toBe(false);
    expect((await state.get(SOURCE)).runningJob).toBe('new-run');
    expect(await state.renewRun(SOURCE, 'never-held', LEASE)).toBe(false);
  });

  it('takes its own lease back (a run re-planned after its worker died), keeping when it started', async () => {
    await state.lockRun(SOURCE, 'run-a', LEASE);
    clock.advance(40_000);
    expect(await state.lockRun(SOURCE, 'run-a', LEASE)).toBe(true);
    expect((await state.get(SOURCE)).lease).toMatchObject({ jobId: 'run-a', startedAt: T, renewedAt: T + 40_000 });
  });

  it('releases only its own lease', async () => {
    await state.lockRun(SOURCE, 'run-a', LEASE);
    await state.unlockRun(SOURCE, 'run-b');
    expect((await state.get(SOURCE)).runningJob).toBe('run-a');
    await state.unlockRun(SOURCE, 'run-a');
    expect((await state.get(SOURCE)).runningJob).toBeNull();
  });
});

describe('clearing the lock by hand', () => {
  it('is refused while the holder renews within its interval and the margin, unless forced', async () => {
    await state.lockRun(SOURCE, 'live-run', LEASE);
    clock.advance(LEASE.renewMs + RENEW_MARGIN_MS - 1);
    const refused = await state.clearRunLock(SOURCE, { force: false });
    expect(refused).toMatchObject({ outcome: 'renewing', lease: { jobId: 'live-run', renewedAt: T } });
    expect((await state.get(SOURCE)).runningJob).toBe('live-run');

    expect(await state.clearRunLock(SOURCE, { force: true })).toMatchObject({ outcome: 'cleared', lease: { jobId: 'live-run' } });
    expect((await state.get(SOURCE)).runningJob).toBeNull();
    // The holder's next renewal does not bring it back.
    expect(await state.renewRun(SOURCE, 'live-run', LEASE)).toBe(false);
    expect((await state.get(SOURCE)).runningJob).toBeNull();
  });

  it('clears a lock whose holder stopped renewing', async () => {
    await state.lockRun(SOURCE, 'dead-run', LEASE);
    clock.advance(LEASE.renewMs + RENEW_MARGIN_MS);
    expect(await state.clearRunLock(SOURCE, { force: false })).toMatchObject({ outcome: 'cleared', lease: { jobId: 'dead-run' } });
    expect(await state.lockRun(SOURCE, 'next-run', LEASE)).toBe(true);
  });

  it('says there was none', async () => {
    expect(await state.clearRunLock(SOURCE, { force: false })).toEqual({ outcome: 'none' });
  });

  it('clears a lock taken before leases (a plain job id with a 2 h TTL), which nobody renews', async () => {
    await redis.client().set(keys('lease').crawlLock(SOURCE), 'old-run', 'PX', 2 * 3600_000);
    expect((await state.get(SOURCE)).runningJob).toBe('old-run');
    expect(await state.lockRun(SOURCE, 'new-run', LEASE)).toBe(false);
    expect(await state.clearRunLock(SOURCE, { force: false })).toMatchObject({ outcome: 'cleared', lease: { jobId: 'old-run', renewedAt: null } });
    expect(await state.lockRun(SOURCE, 'new-run', LEASE)).toBe(true);
  });
});
