/**
 * A real Redis Cluster for one test file: six redis-server processes with
 * `--cluster-enabled yes` on free loopback ports, each in its own temp dir,
 * joined by `redis-cli --cluster create` into three masters with one replica
 * each. Never the machine's Redis, never a flush of a node it did not start.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Cluster, type ClusterOptions } from 'ioredis';
import { freePort, startRedisServer, type RedisServer } from '../../src/redis/server.js';

const run = promisify(execFile);

/** A master unreachable this long is failed over: small, so a failover test is over in a few seconds. */
export const CLUSTER_NODE_TIMEOUT_MS = 1000;
const READY_TIMEOUT_MS = 15_000;

export interface ClusterNode {
  /** `127.0.0.1:PORT` */
  address: string;
  port: number;
  server: RedisServer;
}

export interface TestCluster {
  /** Every node as `host:port`, the form REDIS_CLUSTER_NODES takes. */
  nodes: string[];
  /** A fresh Cluster client; closed by stop(). */
  client(options?: ClusterOptions): Cluster;
  /** The node currently serving `key`'s slot as master. */
  masterOf(key: string): Promise<ClusterNode>;
  /** The live nodes some client is subscribed on (pub/sub connections), e.g. where a Cluster client keeps its subscriber. */
  subscribedNodes(): Promise<ClusterNode[]>;
  /**
   * How many connections are subscribed to `channel`, over every live node asked directly. A client's own view
   * of the nodes may lack the replicas: CLUSTER SLOTS lists a replica only once gossip gives it a replication
   * offset, seconds after the cluster is up, so an older client may not know the node a newer one subscribed on.
   */
  subscribers(channel: string): Promise<number>;
  /** kill -9 a node; resolves once the process is gone (its replica takes over after CLUSTER_NODE_TIMEOUT_MS). */
  kill(node: ClusterNode): Promise<void>;
  /** Resolves once every live node sees the cluster ok with `key`'s slot served by a live master. */
  waitHealthy(key?: string): Promise<void>;
  /** Empty the masters of this cluster (replicas follow) between tests. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

async function command(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args]);
  return stdout;
}

function field(info: string, name: string): string | undefined {
  return info.split(/\r?\n/).find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim();
}

/** Polls until `check` holds: the cluster's own state has no event to wait on. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`test cluster: ${what} not reached within ${READY_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Six nodes on free ports; if one cannot start (a port taken between being found free and bound), none is kept. */
async function startNodes(root: string): Promise<RedisServer[]> {
  const started = await Promise.allSettled(
    Array.from({ length: 6 }, async (_, i) =>
      startRedisServer({
        listen: { port: 0 },
        dir: path.join(root, `node-${i}`),
        appendonly: false,
        cluster: { nodeTimeoutMs: CLUSTER_NODE_TIMEOUT_MS, busPort: await freePort() },
      }),
    ),
  );
  const servers = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r) => r.status === 'rejected');
  if (failed === undefined) return servers;
  await Promise.all(servers.map((s) => s.stop(2000)));
  throw failed.reason;
}

export async function startTestCluster(): Promise<TestCluster> {
  try {
    return await startCluster();
  } catch (first) {
    // Once more from nothing: what fails here is a port race with another test file, not the code under test.
    try {
      return await startCluster();
    } catch (second) {
      throw new AggregateError([first, second], 'test cluster: could not start, twice', { cause: second });
    }
  }
}

async function startCluster(): Promise<TestCluster> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'bantin-cluster-'));
  let servers: RedisServer[];
  try {
    servers = await startNodes(root);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  const all: ClusterNode[] = servers.map((server) => {
    const port = Number(new URL(server.url).port);
    return { address: `127.0.0.1:${port}`, port, server };
  });
  const dead = new Set<ClusterNode>();
  const live = (): ClusterNode[] => all.filter((n) => !dead.has(n));
  const clients: Cluster[] = [];

  const stopAll = async (): Promise<void> => {
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    await Promise.all(all.map((n) => n.server.stop(2000)));
    await rm(root, { recursive: true, force: true });
  };

  const byPort = (port: number): ClusterNode => {
    const node = all.find((n) => n.port === port);
    if (node === undefined) throw new Error(`test cluster: port ${port} is none of its nodes`);
    return node;
  };

  const masterOf = async (key: string): Promise<ClusterNode> => {
    const slot = Number(await command(live()[0]!.port, 'cluster', 'keyslot', key));
    const lines = (await command(live()[0]!.port, 'cluster', 'nodes')).trim().split('\n');
    for (const line of lines) {
      const [, address, flags, , , , , state, ...ranges] = line.split(' ');
      if (!flags?.split(',').includes('master') || flags.includes('fail') || state !== 'connected') continue;
      for (const range of ranges) {
        const [from, to = from] = range.split('-').map(Number);
        if (from !== undefined && to !== undefined && slot >= from && slot <= to) return byPort(Number(address?.split('@')[0]?.split(':')[1]));
      }
    }
    throw new Error(`test cluster: no live master serves slot ${slot}`);
  };

  const waitHealthy = async (key = 'probe'): Promise<void> => {
    await until('cluster_state:ok on every node', async () => {
      const infos = await Promise.all(live().map((n) => command(n.port, 'cluster', 'info')));
      return infos.every((info) => field(info, 'cluster_state') === 'ok');
    });
    await until(`a live master for ${key}`, async () => !dead.has(await masterOf(key)));
  };

  try {
    await run('redis-cli', ['--cluster', 'create', ...all.map((n) => n.address), '--cluster-replicas', '1', '--cluster-yes'], { timeout: READY_TIMEOUT_MS });
    await waitHealthy();
    // A replica must hold its master's data before a failover test may kill the master.
    await until('every replica in sync', async () => {
      const infos = await Promise.all(all.map((n) => command(n.port, 'info', 'replication')));
      return infos.filter((i) => field(i, 'role') === 'slave').length === 3 && infos.every((i) => field(i, 'role') === 'master' || field(i, 'master_link_status') === 'up');
    });
  } catch (error) {
    await stopAll();
    throw error;
  }

  return {
    nodes: all.map((n) => n.address),
    client(options) {
      const c = new Cluster(
        all.map((n) => ({ host: '127.0.0.1', port: n.port })),
        { ...options, redisOptions: { maxRetriesPerRequest: null, ...options?.redisOptions } },
      );
      // A failover test makes its clients see failed connections; their commands still fail loudly.
      c.on('error', () => undefined);
      clients.push(c);
      return c;
    },
    masterOf,
    async subscribedNodes() {
      const lists = await Promise.all(live().map(async (n) => ({ n, clients: (await command(n.port, 'client', 'list', 'type', 'pubsub')).trim() })));
      return lists.filter((l) => l.clients !== '').map((l) => l.n);
    },
    async subscribers(channel) {
      const replies = await Promise.all(live().map((n) => command(n.port, 'pubsub', 'numsub', channel)));
      // redis-cli prints the channel and its count on two lines.
      return replies.reduce((sum, reply) => sum + Number(reply.trim().split(/\r?\n/)[1]), 0);
    },
    async kill(node) {
      dead.add(node);
      process.kill(node.server.pid, 'SIGKILL');
      await node.server.exited;
    },
    waitHealthy,
    async flush() {
      const masters = await Promise.all(live().map(async (n) => ({ n, role: field(await command(n.port, 'info', 'replication'), 'role') })));
      await Promise.all(masters.filter((m) => m.role === 'master').map((m) => command(m.n.port, 'flushall')));
    },
    stop: stopAll,
  };
}
