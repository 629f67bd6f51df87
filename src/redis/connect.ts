/**
 * Redis connections. Each role makes its own, from one URL, when it starts;
 * nothing connects on import. `redis+socket:///path` is the embedded
 * server's unix socket.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../core/log.js';

export type RedisPurpose = 'commands' | 'queue' | 'subscriber';

export function redisOptions(url: string): RedisOptions & { path?: string } {
  if (url.startsWith('redis+socket://')) return { path: url.slice('redis+socket://'.length) };
  return {};
}

export function connectRedis(url: string, purpose: RedisPurpose, log: Logger): Redis {
  const options: RedisOptions = {
    ...redisOptions(url),
    // BullMQ needs blocking commands to wait through reconnects rather than fail.
    maxRetriesPerRequest: purpose === 'commands' ? 3 : null,
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
