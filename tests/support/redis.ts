/**
 * Each test file gets its own redis-server on a free port, with its data in
 * a temp dir: never the machine's shared Redis, never a FLUSHALL on a server
 * the tests did not start.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServer } from '../../src/redis/server.js';

export interface TestRedis {
  url: string;
  server: RedisServer;
  /** A fresh client; closed by stop(). */
  client(): Redis;
  /** Empty this private server between tests. */
  flush(): Promise<void>;
  /**
   * Stop the server and start a new one on the same port and dir, as an
   * operator's restart would; with no persistence in tests it comes back
   * empty. `whileDown` runs in between, to hold the outage open until the
   * test has seen what it wants. Clients reconnect by themselves.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestRedis(): Promise<TestRedis> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-redis-'));
  let server = await startRedisServer({ listen: { port: 0 }, dir, appendonly: false });
  const port = Number(new URL(server.url).port);
  const clients: Redis[] = [];
  const admin = new Redis(server.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  // The admin client's failed reconnects during a restart are expected, not worth an unhandled 'error'.
  admin.on('error', () => undefined);
  return {
    url: server.url,
    get server() {
      return server;
    },
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
