/**
 * stopRoles, the shutdown's one decision, on fake timers: nothing cut off
 * is "stopped" and 0; a role that cut something off, or that does not stop
 * at all, makes one error line naming it all and 1, by the deadline plus
 * the grace, however long the role would have hung.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/core/log.js';
import type { Abandoned, RoleHandle } from '../../src/roles/role.js';
import { ABANDON_GRACE_MS, stopRoles, type Closable } from '../../src/roles/shutdown.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function capture(): { log: ReturnType<typeof createLogger>; lines: { level: number; msg: string; abandoned?: Abandoned[] }[] } {
  const lines: { level: number; msg: string }[] = [];
  const log = createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(JSON.parse(s) as { level: number; msg: string }) } });
  return { log, lines };
}

const role = (name: string, stop: (deadlineMs: number) => Promise<Abandoned[] | void>): RoleHandle => ({ name, stop });
const closable = (abandoned: Abandoned[] = [], seen: number[] = []): Closable => ({
  close: async (graceMs) => {
    seen.push(graceMs ?? -1);
    return abandoned;
  },
});

it('says "stopped" and returns 0 when nothing was cut off, giving the connections the whole deadline', async () => {
  const { log, lines } = capture();
  const graces: number[] = [];
  const outcome = await stopRoles([role('worker', async () => []), role('serve', async () => undefined)], closable([], graces), 5000, log, () => Date.now());
  expect(outcome).toEqual({ code: 0, abandoned: [] });
  expect(lines.map((l) => l.msg)).toEqual(['stopped']);
  expect(graces).toEqual([5000]);
});

it('returns 1 with one line naming what every role and the connections gave up', async () => {
  const { log, lines } = capture();
  const outcome = await stopRoles(
    [role('worker', async () => [{ what: '2 in-flight jobs returned to the queue', ids: ['a', 'b'] }]), role('serve', async () => [{ what: '1 HTTP connection closed mid-request' }])],
    closable([{ what: '1 redis connection with commands still queued (Redis unreachable)', ids: ['queue'] }]),
    5000,
    log,
  );
  expect(outcome.code).toBe(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]?.level).toBe(50);
  expect(lines[0]?.msg).toBe(
    'stopped past the shutdown deadline, abandoning: 2 in-flight jobs returned to the queue: a, b; 1 HTTP connection closed mid-request; 1 redis connection with commands still queued (Redis unreachable): queue',
  );
  expect(lines[0]?.abandoned).toHaveLength(3);
});

it('does not wait for a role that never stops past the deadline and the grace', async () => {
  const { log, lines } = capture();
  const graces: number[] = [];
  const done = stopRoles([role('worker', () => new Promise<never>(() => undefined)), role('scheduler', async () => [])], closable([], graces), 2000, log, () => Date.now());
  await vi.advanceTimersByTimeAsync(2000 + ABANDON_GRACE_MS);
  const outcome = await done;
  expect(outcome.code).toBe(1);
  expect(lines.map((l) => l.msg)).toEqual(['stopped past the shutdown deadline, abandoning: worker did not stop']);
  // Past the grace already: the connections get the floor, not another deadline.
  expect(graces).toEqual([250]);
});
