/**
 * What every role is built from: settings, config, a logger, a clock, and a
 * Redis to talk to (REDIS_URL, a Redis Cluster from REDIS_CLUSTER_NODES, or
 * the embedded server). Built once by the
 * CLI entry point and passed down; each role opens its own connections.
 */
import type { AppConfig, Settings } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { createMetrics, type Metrics } from '../metrics/index.js';
import type { RedisClient } from '../redis/client.js';
import { connectTarget, describeTarget, type RedisPurpose, type RedisTarget } from '../redis/connect.js';
import { useEmbeddedRedis } from '../redis/embedded.js';
import { within } from '../core/within.js';
import type { Abandoned } from './role.js';

/** How long connections get to close when no deadline is given (a CLI command ending). */
const DEFAULT_CLOSE_MS = 5000;
/** The embedded redis-server writes its AOF on SIGTERM: it gets at least this long before it is killed. */
const EMBEDDED_STOP_FLOOR_MS = 2000;

export interface Context {
  settings: Settings;
  config: AppConfig;
  log: Logger;
  clock: Clock;
  /** One registry for every role of this process (`bantin start` exposes them all on one /metrics). */
  metrics: Metrics;
  /** The Redis every role of this process uses: one server, or a cluster. */
  redis: RedisTarget;
  /** The same, for a log line (no password). */
  redisDescription: string;
  /** The User-Agent the crawler sends. */
  userAgent: string;
  /** A new connection, closed by `close()`. */
  connect(purpose: RedisPurpose): RedisClient;
  /** What /healthz reports: false only when this process's embedded Redis is down for good (it restarts it otherwise). */
  health(): { ok: boolean; checks: Record<string, boolean> };
  /**
   * Closes every connection (QUIT) and stops the embedded Redis this process started, within `graceMs`;
   * a connection still waiting then (Redis away, commands queued) is dropped, and returned as abandoned.
   */
  close(graceMs?: number): Promise<Abandoned[]>;
}

export async function openContext(parts: {
  settings: Settings;
  config: AppConfig;
  log: Logger;
  clock: Clock;
  version: string;
}): Promise<Context> {
  const { settings, log } = parts;
  const embedded = settings.REDIS_URL === null && settings.REDIS_CLUSTER_NODES === null ? await useEmbeddedRedis(settings.BANTIN_DATA_DIR, log, parts.clock) : null;
  const redis: RedisTarget =
    settings.REDIS_CLUSTER_NODES !== null
      ? { kind: 'cluster', nodes: settings.REDIS_CLUSTER_NODES }
      : { kind: 'single', url: settings.REDIS_URL ?? (embedded as { url: string }).url };
  const clients: { client: RedisClient; purpose: RedisPurpose }[] = [];
  const metrics = createMetrics();
  return {
    ...parts,
    metrics,
    redis,
    redisDescription: describeTarget(redis),
    userAgent: `bantin/${parts.version} (+${settings.BANTIN_CONTACT_URL})`,
    connect(purpose) {
      const client = connectTarget(redis, purpose, log.child({ component: 'redis' }));
      client.on('error', () => metrics.redisError(purpose));
      clients.push({ client, purpose });
      return client;
    },
    health() {
      const checks: Record<string, boolean> = embedded === null ? {} : { embeddedRedis: embedded.healthy() };
      return { ok: Object.values(checks).every(Boolean), checks };
    },
    async close(graceMs = DEFAULT_CLOSE_MS) {
      const dropped = await Promise.all(
        clients.map(async ({ client, purpose }) => {
          // QUIT waits for the replies still due; with nothing queued on a connection that is down, ioredis ends it at once.
          const quit = client.quit().then(
            () => true,
            () => true,
          );
          const closed = await within(quit, graceMs, false);
          // Also when QUIT was refused (a connection without an offline queue, down): it must not go on reconnecting.
          client.disconnect();
          return closed ? null : purpose;
        }),
      );
      const abandoned: Abandoned[] = [];
      const purposes = dropped.filter((p): p is RedisPurpose => p !== null);
      if (purposes.length > 0) abandoned.push({ what: `${purposes.length} redis connection${purposes.length === 1 ? '' : 's'} with commands still queued (Redis unreachable)`, ids: purposes });
      if (embedded !== null && !(await embedded.stop(Math.max(graceMs, EMBEDDED_STOP_FLOOR_MS)))) abandoned.push({ what: 'the embedded redis-server (killed: it did not stop on SIGTERM in time)' });
      return abandoned;
    },
  };
}
