/**
 * What every role is built from: settings, config, a logger, a clock, and a
 * Redis to talk to (REDIS_URL, or the embedded server). Built once by the
 * CLI entry point and passed down; each role opens its own connections.
 */
import type { AppConfig, Settings } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { createMetrics, type Metrics } from '../metrics/index.js';
import { connectRedis, type RedisPurpose } from '../redis/connect.js';
import { useEmbeddedRedis } from '../redis/embedded.js';
import type { Redis } from 'ioredis';

export interface Context {
  settings: Settings;
  config: AppConfig;
  log: Logger;
  clock: Clock;
  /** One registry for every role of this process (`bantin start` exposes them all on one /metrics). */
  metrics: Metrics;
  /** The Redis every role of this process uses. */
  redisUrl: string;
  /** The User-Agent the crawler sends. */
  userAgent: string;
  /** A new connection, closed by `close()`. */
  connect(purpose: RedisPurpose): Redis;
  close(): Promise<void>;
}

export async function openContext(parts: {
  settings: Settings;
  config: AppConfig;
  log: Logger;
  clock: Clock;
  version: string;
}): Promise<Context> {
  const { settings, log } = parts;
  const embedded = settings.REDIS_URL === null ? await useEmbeddedRedis(settings.BANTIN_DATA_DIR, log) : null;
  const redisUrl = settings.REDIS_URL ?? (embedded as { url: string }).url;
  const clients: Redis[] = [];
  const metrics = createMetrics();
  return {
    ...parts,
    metrics,
    redisUrl,
    userAgent: `bantin/${parts.version} (+${settings.BANTIN_CONTACT_URL})`,
    connect(purpose) {
      const client = connectRedis(redisUrl, purpose, log.child({ component: 'redis' }));
      client.on('error', () => metrics.redisError(purpose));
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
      await embedded?.stop();
    },
  };
}
