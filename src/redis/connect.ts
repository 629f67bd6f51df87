/**
 * Redis connections. Each role makes its own, from one URL, when it starts;
 * nothing connects on import. `redis+socket:///path` is the embedded
 * server's unix socket.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../core/log.js';

/** `serve`: the serve role's store, which must fail fast while Redis is away (it has renders to fall back on). */
export type RedisPurpose = 'commands' | 'queue' | 'subscriber' | 'serve';

/**
 * A serve command gives up after this long without a reply: a Redis that
 * is frozen (SIGSTOP, a network that drops packets) keeps its connection
 * open, and a reader asking for something not cached gets a 503 within a
 * second instead of waiting for it.
 */
export const SERVE_COMMAND_TIMEOUT_MS = 750;

/** Per purpose: how commands wait for a Redis that is away. */
function waiting(purpose: RedisPurpose): RedisOptions {
  switch (purpose) {
    case 'serve':
      // Not queued while disconnected and not retried across reconnects: rejected at once, and
      // what was in flight when the connection dropped is rejected with it (0 retries).
      return { maxRetriesPerRequest: 0, enableOfflineQueue: false, commandTimeout: SERVE_COMMAND_TIMEOUT_MS };
    case 'commands':
      return { maxRetriesPerRequest: 3 };
    default:
      // BullMQ needs blocking commands to wait through reconnects rather than fail.
      return { maxRetriesPerRequest: null };
  }
}

export function redisOptions(url: string): RedisOptions & { path?: string } {
  if (url.startsWith('redis+socket://')) return { path: url.slice('redis+socket://'.length) };
  return {};
}

export function connectRedis(url: string, purpose: RedisPurpose, log: Logger): Redis {
  const options: RedisOptions = {
    ...redisOptions(url),
    ...waiting(purpose),
    enableReadyCheck: true,
    connectionName: `bantin-${purpose}`,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  };
  const client = url.startsWith('redis+socket://') ? new Redis(options) : new Redis(url, options);
  let lastError = '';
  client.on('error', (err: Error) => {
    // One line per distinct error, not one per reconnect attempt.
    if (err.message !== lastError) log.error({ err, purpose }, 'redis connection error');
    lastError = err.message;
  });
  client.on('ready', () => {
    if (lastError !== '') log.info({ purpose }, 'redis connection restored');
    lastError = '';
  });
  return client;
}
