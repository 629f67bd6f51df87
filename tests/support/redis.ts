/**
 * Each test file gets its own Redis: one redis-server on a free port, with
 * its data in a temp dir, or with BANTIN_TEST_TOPOLOGY=cluster a six-node
 * Redis Cluster of its own (redis-cluster.ts), so the same test runs on both.
 * Never the machine's shared Redis, never a FLUSHALL on a server the tests
 * did not start.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { RedisClient } from '../../src/redis/client.js';
import { startRedisServer, type RedisServer } from '../../src/redis/server.js';
import { startTestCluster, type TestCluster } from './redis-cluster.js';

export type TestTopology = 'single' | 'cluster';

/** What this run's test files get: `cluster` from BANTIN_TEST_TOPOLOGY (the vitest `cluster` project sets it). */
export function testTopology(): TestTopology {
  return process.env.BANTIN_TEST_TOPOLOGY === 'cluster' ? 'cluster' : 'single';
}

export interface TestRedis {
  topology: TestTopology;
  /** The settings that point bantin at it: REDIS_URL, or REDIS_CLUSTER_NODES. */
  env: { REDIS_URL: string } | { REDIS_CLUSTER_NODES: string };
  /** Single Redis only (a test of one server's URL or process): throws on a cluster. */
  url: string;
  /** Single Redis only: throws on a cluster. */
  server: RedisServer;
  /** The cluster behind it, when there is one. */
  cluster: TestCluster | null;
  /** A fresh client; closed by stop(). */
  client(): RedisClient;
  /** Empty this private server (or every master of this private cluster) between tests. */
  flush(): Promise<void>;
  /**
   * Stop the server and start a new one on the same port and dir, as an
   * operator's restart would; with no persistence in tests it comes back
   * empty. `whileDown` runs in between, to hold the outage open until the
   * test has seen what it wants. Clients reconnect by themselves. Single Redis only.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** A file asked for what only one redis-server has (its URL, its process, a restart) while running on a cluster. */
export class SingleRedisOnlyError extends Error {
  readonly kind = 'single-redis-only';
}

export async function startTestRedis(): Promise<TestRedis> {
  return testTopology() === 'cluster' ? clusterRedis(await startTestCluster()) : singleRedis();
}

function clusterRedis(cluster: TestCluster): TestRedis {
  const single = (what: string): never => {
    throw new SingleRedisOnlyError(`${what} needs a single Redis; this run is on a cluster (BANTIN_TEST_TOPOLOGY=cluster)`);
  };
  return {
    topology: 'cluster',
    env: { REDIS_CLUSTER_NODES: cluster.nodes.join(',') },
    get url(): string {
      return single('url');
    },
    get server(): RedisServer {
      return single('server');
    },
    cluster,
    client: () => cluster.client(),
    flush: () => cluster.flush(),
    restart: async () => single('restart()'),
    stop: () => cluster.stop(),
  };
}

async function singleRedis(): Promise<TestRedis> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-redis-'));
  let server = await startRedisServer({ listen: { port: 0 }, dir, appendonly: false });
  const port = Number(new URL(server.url).port);
  const clients: Redis[] = [];
  const admin = new Redis(server.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  // The admin client's failed reconnects during a restart are expected, not worth an unhandled 'error'.
  admin.on('error', () => undefined);
  return {
    topology: 'single',
    env: { REDIS_URL: server.url },
    url: server.url,
    get server() {
      return server;
    },
    cluster: null,
    client() {
      const c = new Redis(server.url, { maxRetriesPerRequest: null });
      // A test that restarts the server makes its clients see failed reconnects; its commands still fail loudly.
      c.on('error', () => undefined);
      clients.push(c);
      return c;
    },
    async flush() {
      await admin.flushall();
    },
    async restart(whileDown) {
      await server.stop();
      await whileDown?.();
      server = await startRedisServer({ listen: { port }, dir, appendonly: false });
    },
    async stop() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
      await admin.quit().catch(() => admin.disconnect());
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
