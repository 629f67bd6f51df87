/**
 * A circuit breaker in front of the serve role's store: once Redis is known
 * down (its connection closed, or a call failed with StoreUnavailableError,
 * a command timeout included) every store call fails at once with
 * StoreUnavailableError instead of waiting for an answer that will not come,
 * and the feeds rendered before are served from memory. It closes when the
 * connection is ready again, or when a probe (one PING every `retryMs`,
 * started by a request that found it open, never awaited by one) answers.
 */
import type { RedisClient } from '../redis/client.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { StoreUnavailableError } from '../core/unavailable.js';

export interface StoreBreaker {
  /** False while Redis is known down; past each retry interval, starts one background probe. */
  available(): boolean;
  /** `call` through the breaker: StoreUnavailableError at once while Redis is known down. */
  run<R>(call: () => Promise<R>): Promise<R>;
  /** Redis was seen failing (a dropped connection, a failed call). */
  failed(reason: string): void;
  /** Redis was seen answering. */
  answered(): void;
}

export interface StoreBreakerDeps {
  clock: Clock;
  log: Logger;
  /** One cheap round trip that resolves only when Redis answers (PING). */
  probe: () => Promise<unknown>;
  /** How long after a failure Redis is tried again. */
  retryMs?: number;
  /** Start as known down (a connection not ready yet). */
  down?: boolean;
}

export const BREAKER_RETRY_MS = 1000;

export function createStoreBreaker({ clock, log, probe, retryMs = BREAKER_RETRY_MS, down = false }: StoreBreakerDeps): StoreBreaker {
  let downSince: number | null = down ? clock.now() : null;
  let nextProbeAt = clock.now();
  let probing = false;

  const breaker: StoreBreaker = {
    available() {
      if (downSince === null) return true;
      if (!probing && clock.now() >= nextProbeAt) {
        probing = true;
        probe().then(
          () => {
            probing = false;
            breaker.answered();
          },
          () => {
            probing = false;
            nextProbeAt = clock.now() + retryMs;
          },
        );
      }
      return false;
    },
    async run(call) {
      if (!breaker.available()) throw new StoreUnavailableError('Redis is unavailable: failing fast until it answers again');
      try {
        const result = await call();
        breaker.answered();
        return result;
      } catch (error) {
        if (error instanceof StoreUnavailableError) breaker.failed(error.message);
        throw error;
      }
    },
    failed(reason) {
      nextProbeAt = clock.now() + retryMs;
      if (downSince !== null) return;
      downSince = clock.now();
      log.warn({ reason, retryMs }, 'store unavailable: failing fast and serving cached renders until Redis answers');
    },
    answered() {
      if (downSince === null) return;
      log.info({ downMs: clock.now() - downSince }, 'store answering again');
      downSince = null;
    },
  };
  return breaker;
}

/** The breaker told of the connection's own view: closed is down, ready is up. Returns a function that stops following it. */
export function followConnection(redis: RedisClient, breaker: StoreBreaker): () => void {
  const onClose = (): void => breaker.failed('connection closed');
  const onReady = (): void => breaker.answered();
  redis.on('close', onClose);
  redis.on('ready', onReady);
  return () => {
    redis.off('close', onClose);
    redis.off('ready', onReady);
  };
}

type AsyncMethods<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

/** The same object, every method called through the breaker. */
export function throughBreaker<T extends AsyncMethods<T>>(target: T, breaker: StoreBreaker): T {
  const out: Partial<Record<keyof T, unknown>> = {};
  for (const name of Object.keys(target) as (keyof T & string)[]) {
    const method = target[name];
    out[name] = (...args: never[]): Promise<unknown> => breaker.run(() => method(...args));
  }
  return out as T;
}
