/** The serve role's breaker: fails fast while Redis is known down, probes it in the background, closes when it answers. */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { StoreUnavailableError } from '../../src/core/unavailable.js';
import { createStoreBreaker, throughBreaker } from '../../src/serve/store-breaker.js';

function setup() {
  const clock = new ManualClock(0);
  const probes: { resolve: () => void; reject: () => void }[] = [];
  const breaker = createStoreBreaker({
    clock,
    log: silentLogger(),
    retryMs: 1000,
    probe: () => new Promise<void>((resolve, reject) => probes.push({ resolve, reject: () => reject(new Error('no answer')) })),
  });
  let calls = 0;
  let failing = false;
  const store = throughBreaker(
    {
      async count(): Promise<number> {
        calls++;
        if (failing) throw new StoreUnavailableError('store count failed: Command timed out');
        return 7;
      },
    },
    breaker,
  );
  return { clock, probes, breaker, store, calls: () => calls, fail: (f: boolean) => (failing = f) };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('store breaker', () => {
  it('after one StoreUnavailableError, fails at once without calling the store', async () => {
    const s = setup();
    expect(await s.store.count()).toBe(7);
    s.fail(true);
    await expect(s.store.count()).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(s.breaker.available()).toBe(false);
    await expect(s.store.count()).rejects.toMatchObject({ kind: 'store-unavailable' });
    expect(s.calls()).toBe(2);
  });

  it('probes once per retry interval, never on the caller, and closes when a probe answers', async () => {
    const s = setup();
    s.fail(true);
    await expect(s.store.count()).rejects.toBeInstanceOf(StoreUnavailableError);
    s.clock.advance(999);
    expect(s.breaker.available()).toBe(false);
    expect(s.probes).toHaveLength(0);
    s.clock.advance(1);
    expect(s.breaker.available()).toBe(false);
    expect(s.breaker.available()).toBe(false);
    expect(s.probes).toHaveLength(1);
    s.probes[0]!.reject();
    await settle();
    s.clock.advance(500);
    expect(s.breaker.available()).toBe(false);
    expect(s.probes).toHaveLength(1);
    s.clock.advance(500);
    expect(s.breaker.available()).toBe(false);
    expect(s.probes).toHaveLength(2);
    s.fail(false);
    s.probes[1]!.resolve();
    await settle();
    expect(s.breaker.available()).toBe(true);
    expect(await s.store.count()).toBe(7);
  });

  it('follows what the connection says: closed is down, ready is up', async () => {
    const s = setup();
    s.breaker.failed('connection closed');
    await expect(s.store.count()).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(s.calls()).toBe(0);
    s.breaker.answered();
    expect(await s.store.count()).toBe(7);
  });
});
