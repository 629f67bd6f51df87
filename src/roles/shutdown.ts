/**
 * Stopping a process's roles on SIGTERM/SIGINT, bounded even with Redis
 * gone. Every role gets SHUTDOWN_TIMEOUT_MS to finish what it is doing; past
 * it, it cuts off what is left (jobs go back to the queue, or are left for
 * another worker when Redis cannot take them; HTTP connections are closed)
 * within ABANDON_GRACE_MS, and the Redis connections still open are dropped.
 * The outcome is one line: "stopped" (exit 0), or what was abandoned (exit 1).
 */
import type { Logger } from '../core/log.js';
import { within } from '../core/within.js';
import type { Abandoned, RoleHandle } from './role.js';

/** After the deadline, how long cutting off the rest may take (jobs returned to the queue, connections closed). */
export const ABANDON_GRACE_MS = 1000;
/** The least the Redis connections get to close cleanly, however late the roles stopped. */
const CLOSE_FLOOR_MS = 250;

export interface Closable {
  /** Closes every Redis connection (and the embedded Redis) within `graceMs`; returns what it had to drop instead. */
  close(graceMs?: number): Promise<Abandoned[]>;
}

export interface ShutdownOutcome {
  code: 0 | 1;
  abandoned: Abandoned[];
}

const HUNG: unique symbol = Symbol('hung');

/** "2 in-flight jobs returned to the queue: a, b; 1 HTTP connection closed mid-request". */
export function describeAbandoned(abandoned: readonly Abandoned[]): string {
  return abandoned.map((a) => (a.ids && a.ids.length > 0 ? `${a.what}: ${a.ids.join(', ')}` : a.what)).join('; ');
}

export async function stopRoles(handles: readonly RoleHandle[], ctx: Closable, deadlineMs: number, log: Logger, now: () => number = Date.now): Promise<ShutdownOutcome> {
  const started = now();
  const abandoned: Abandoned[] = [];
  // All at once, each within the same deadline, so the deadlines do not add up. A role that still does
  // not answer once the grace is over (a library waiting on a connection that is not coming back) is left.
  const results = await Promise.all(
    handles.map(async (h) => {
      try {
        return (await within<Abandoned[] | void | typeof HUNG>(h.stop(deadlineMs), deadlineMs + ABANDON_GRACE_MS, HUNG)) ?? [];
      } catch (err) {
        return [{ what: `${h.name} failed to stop: ${err instanceof Error ? err.message : String(err)}` }];
      }
    }),
  );
  results.forEach((r, i) => {
    if (r === HUNG) abandoned.push({ what: `${handles[i]?.name ?? 'a role'} did not stop` });
    else abandoned.push(...r);
  });
  const left = started + deadlineMs + ABANDON_GRACE_MS - now();
  abandoned.push(...(await ctx.close(Math.max(CLOSE_FLOOR_MS, Math.min(left, deadlineMs)))));
  if (abandoned.length === 0) {
    log.info({ durationMs: now() - started }, 'stopped');
    return { code: 0, abandoned };
  }
  log.error(
    { deadlineMs, durationMs: now() - started, abandoned },
    `stopped past the shutdown deadline, abandoning: ${describeAbandoned(abandoned)}`,
  );
  return { code: 1, abandoned };
}
