/**
 * Keeps the embedded redis-server running: when it exits without being
 * asked to (killed, crashed), it is started again after a backoff that
 * doubles from `initialMs` to `maxMs` while it keeps dying (and starts over
 * once it stayed up `stableMs`), every restart logged. After
 * `unhealthyAfter` failed starts in a row the supervisor reports itself
 * unhealthy (so /healthz fails and a liveness probe restarts the process)
 * and goes on trying at `maxMs`; a start that works makes it healthy again.
 */
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { RedisServer } from './server.js';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real timers that do not keep the process alive. */
export const systemTimers: Timers = {
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SupervisorOptions {
  initialMs: number;
  maxMs: number;
  stableMs: number;
  unhealthyAfter: number;
}

export const SUPERVISOR_DEFAULTS: SupervisorOptions = { initialMs: 250, maxMs: 10_000, stableMs: 30_000, unhealthyAfter: 3 };

export interface SupervisorDeps {
  /** Starts a server; throws when it cannot. */
  start(): Promise<RedisServer>;
  /** Told of every server started (the first and each restart), e.g. to write the owner file. */
  onStarted?(server: RedisServer): Promise<void>;
  log: Logger;
  clock: Clock;
  timers?: Timers;
  options?: Partial<SupervisorOptions>;
}

export interface SupervisedRedis {
  readonly url: string;
  /** The running server's pid; null while it is down. */
  pid(): number | null;
  /** False once `unhealthyAfter` starts in a row have failed, until one works. */
  healthy(): boolean;
  /** Stops supervising and stops the server (see RedisServer.stop); false if it had to be killed. */
  stop(graceMs?: number): Promise<boolean>;
}

export async function superviseRedis(deps: SupervisorDeps): Promise<SupervisedRedis> {
  const opts = { ...SUPERVISOR_DEFAULTS, ...deps.options };
  const timers = deps.timers ?? systemTimers;
  const { log, clock } = deps;
  let current: RedisServer | null = await deps.start();
  await deps.onStarted?.(current);
  const url = current.url;
  let startedAt = clock.now();
  let restarts = 0;
  let failedInARow = 0;
  let stopping = false;
  let timer: unknown = null;
  let attempt: Promise<void> | null = null;

  const delay = (): number => Math.min(opts.initialMs * 2 ** Math.max(0, restarts - 1), opts.maxMs);

  const schedule = (): void => {
    const ms = failedInARow >= opts.unhealthyAfter ? opts.maxMs : delay();
    timer = timers.setTimeout(() => {
      timer = null;
      attempt = restart().finally(() => (attempt = null));
    }, ms);
  };

  const restart = async (): Promise<void> => {
    if (stopping) return;
    try {
      const server = await deps.start();
      if (stopping) {
        await server.stop();
        return;
      }
      current = server;
      startedAt = clock.now();
      await deps.onStarted?.(server);
      log.info({ pid: server.pid, restarts, wasUnhealthy: failedInARow >= opts.unhealthyAfter }, 'embedded redis restarted');
      failedInARow = 0;
      watch(server);
    } catch (err) {
      failedInARow++;
      restarts++;
      if (failedInARow === opts.unhealthyAfter) log.error({ err, failedInARow }, 'embedded redis cannot be restarted: /healthz fails until it is; still trying');
      else log.warn({ err, failedInARow, nextInMs: failedInARow >= opts.unhealthyAfter ? opts.maxMs : delay() }, 'embedded redis restart failed; trying again');
      schedule();
    }
  };

  const watch = (server: RedisServer): void => {
    void server.exited.then(({ code, signal }) => {
      if (stopping || current !== server) return;
      current = null;
      // A server that stayed up a while starts the backoff over.
      if (clock.now() - startedAt >= opts.stableMs) restarts = 0;
      restarts++;
      log.warn({ pid: server.pid, code, signal, restartInMs: delay() }, 'embedded redis exited unexpectedly: restarting it');
      schedule();
    });
  };
  watch(current);

  return {
    url,
    pid: () => current?.pid ?? null,
    healthy: () => failedInARow < opts.unhealthyAfter,
    async stop(graceMs) {
      stopping = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      await attempt;
      const server = current;
      current = null;
      return server === null ? true : server.stop(graceMs);
    },
  };
}
