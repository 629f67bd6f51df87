/**
 * Redis connections. Each role makes its own, from one target, when it
 * starts; nothing connects on import. The target is one Redis (a URL;
 * `redis+socket:///path` is the embedded server's unix socket) or a Redis
 * Cluster (some of its nodes: ioredis' Cluster client finds the rest).
 */
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { ClusterNodeAddress } from '../config/settings.js';
import type { Logger } from '../core/log.js';
import type { RedisClient } from './client.js';

/** `serve`: the serve role's store, which must fail fast while Redis is away (it has renders to fall back on). */
export type RedisPurpose = 'commands' | 'queue' | 'subscriber' | 'serve';

export type RedisTarget = { kind: 'single'; url: string } | { kind: 'cluster'; nodes: ClusterNodeAddress[] };

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

const retry = (times: number): number => Math.min(times * 200, 5_000);

/** What a log line may say about the target: no password. */
export function describeTarget(target: RedisTarget): string {
  if (target.kind === 'cluster') return `cluster ${target.nodes.map((n) => `${n.host}:${n.port}`).join(',')}`;
  return target.url.replace(/\/\/[^@]*@/, '//***@');
}

/**
 * How long a command waits through a cluster failover (a master gone, its replica not yet promoted: CLUSTERDOWN,
 * or a closed connection to the dead master) before it fails: past a failover at Redis' default
 * cluster-node-timeout of 15 s. Not the serve role's: it fails fast and answers from its cached renders.
 */
export const CLUSTER_FAILOVER_WAIT_MS = 30_000;
const FAILOVER_RETRY_MS = 250;

function failoverWaiting(purpose: RedisPurpose): Partial<ClusterOptions> {
  if (purpose === 'serve') return {};
  return {
    retryDelayOnFailover: FAILOVER_RETRY_MS,
    retryDelayOnClusterDown: FAILOVER_RETRY_MS,
    retryDelayOnTryAgain: FAILOVER_RETRY_MS,
    maxRedirections: Math.ceil(CLUSTER_FAILOVER_WAIT_MS / FAILOVER_RETRY_MS),
  };
}

/**
 * A subscriber connection sends no command that would tell it the slot map changed, so it asks every second:
 * a master that died then leaves its view (`-node`), which the change watcher takes as messages possibly missed.
 */
const SUBSCRIBER_SLOTS_REFRESH_MS = 1000;

function clusterClient(nodes: ClusterNodeAddress[], purpose: RedisPurpose): Cluster {
  const { enableOfflineQueue = true, ...perNode } = waiting(purpose);
  const options: ClusterOptions = {
    ...failoverWaiting(purpose),
    ...(purpose === 'subscriber' ? { slotsRefreshInterval: SUBSCRIBER_SLOTS_REFRESH_MS } : {}),
    // Per node: the same waiting as one Redis (BullMQ's maxRetriesPerRequest: null included).
    redisOptions: { ...perNode, connectionName: `bantin-${purpose}` },
    // The serve role's commands are refused while the cluster is unreachable instead of queued; the slot
    // map's own reconnects go on regardless.
    enableOfflineQueue,
    enableReadyCheck: true,
    // Reads go to masters: a replica may not have the article a worker just wrote, or the lock it just took.
    scaleReads: 'master',
    clusterRetryStrategy: retry,
  };
  return new Cluster(nodes.map((n) => ({ host: n.host, port: n.port })), options);
}

function singleClient(url: string, purpose: RedisPurpose): Redis {
  const options: RedisOptions = {
    ...redisOptions(url),
    ...waiting(purpose),
    enableReadyCheck: true,
    connectionName: `bantin-${purpose}`,
    retryStrategy: retry,
  };
  return url.startsWith('redis+socket://') ? new Redis(options) : new Redis(url, options);
}

/** Logs one line per distinct error (not one per reconnect attempt), and one when the connection is back. */
function logErrors<C extends RedisClient>(client: C, purpose: RedisPurpose, log: Logger): C {
  let lastError = '';
  const onError = (err: Error): void => {
    if (err.message !== lastError) log.error({ err, purpose }, 'redis connection error');
    lastError = err.message;
  };
  client.on('error', onError);
  // A cluster node's own connection failing (a master killed before its replica takes over) is said once too.
  if (client instanceof Cluster) client.on('node error', onError);
  client.on('ready', () => {
    if (lastError !== '') log.info({ purpose }, 'redis connection restored');
    lastError = '';
  });
  return client;
}

export function connectRedis(url: string, purpose: RedisPurpose, log: Logger): Redis {
  return logErrors(singleClient(url, purpose), purpose, log);
}

export function connectCluster(nodes: ClusterNodeAddress[], purpose: RedisPurpose, log: Logger): Cluster {
  return logErrors(clusterClient(nodes, purpose), purpose, log);
}

export function connectTarget(target: RedisTarget, purpose: RedisPurpose, log: Logger): RedisClient {
  return target.kind === 'cluster' ? connectCluster(target.nodes, purpose, log) : connectRedis(target.url, purpose, log);
}
