/**
 * A redis-server child process that bantin starts, owns and stops: the
 * embedded Redis of `bantin start` when REDIS_URL is unset, and each test
 * file's private server. It never touches a server it did not start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { BantinError } from '../core/errors.js';
import { within } from '../core/within.js';

export class RedisServerError extends BantinError {
  readonly kind = 'redis-server';
}

export interface RedisServerOptions {
  /** TCP port on 127.0.0.1 (0 picks a free one), or a unix socket path and no TCP at all. */
  listen: { port: number } | { socket: string };
  /** Working directory for AOF/RDB files. */
  dir: string;
  /** AOF persistence (on for the embedded server, off for tests). */
  appendonly: boolean;
  binary?: string;
  startTimeoutMs?: number;
  /**
   * A Redis Cluster node (tests' cluster harness): its node table in `dir`/nodes.conf, its cluster bus on
   * `busPort` (by default Redis takes port + 10000, which may be taken or past 65535), and a master
   * unreachable `nodeTimeoutMs` is failed over to its replica.
   */
  cluster?: { nodeTimeoutMs: number; busPort: number };
}

export interface RedisServer {
  /** `redis://127.0.0.1:PORT`, or `redis+socket://PATH` for a socket (see redis/connect.ts). */
  readonly url: string;
  readonly pid: number;
  /** Settles when the process ends, whoever ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (redis flushes its AOF and exits), then waits; past `graceMs`, SIGKILL. Resolves false if it had to kill it. */
  stop(graceMs?: number): Promise<boolean>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      if (addr === null || typeof addr === 'string') return reject(new Error('no port'));
      srv.close(() => resolve(addr.port));
    });
  });
}

type Endpoint = { port: number } | { socket: string };

function connectTo(endpoint: Endpoint): net.Socket {
  return 'socket' in endpoint ? net.connect(endpoint.socket) : net.connect(endpoint.port, '127.0.0.1');
}

function describe(endpoint: Endpoint): string {
  return 'socket' in endpoint ? `socket ${endpoint.socket}` : `port ${endpoint.port}`;
}

function waitForPort(endpoint: Endpoint, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null) {
        reject(new RedisServerError(`redis-server exited with code ${child.exitCode} before accepting connections`));
        return;
      }
      const sock = connectTo(endpoint);
      sock.once('connect', () => {
        sock.write('PING\r\n');
        sock.once('data', (d) => {
          sock.destroy();
          if (d.toString().startsWith('+PONG') || d.toString().startsWith('-LOADING')) resolve();
          else retry();
        });
      });
      sock.once('error', () => {
        sock.destroy();
        retry();
      });
    };
    const retry = (): void => {
      if (Date.now() > deadline) reject(new RedisServerError(`redis-server did not answer on ${describe(endpoint)} within ${timeoutMs} ms`));
      // Polling a child's port is the one wait that has no event to hang on.
      else setTimeout(attempt, 25);
    };
    attempt();
  });
}

export async function startRedisServer(options: RedisServerOptions): Promise<RedisServer> {
  const endpoint: Endpoint =
    'socket' in options.listen
      ? { socket: path.resolve(options.listen.socket) }
      : { port: options.listen.port === 0 ? await freePort() : options.listen.port };
  const dir = path.resolve(options.dir);
  await mkdir(dir, { recursive: true });
  const listenArgs =
    'socket' in endpoint
      ? ['--port', '0', '--unixsocket', endpoint.socket, '--unixsocketperm', '700']
      : ['--port', String(endpoint.port), '--bind', '127.0.0.1'];
  const args = [
    ...listenArgs,
    '--dir', dir,
    '--save', '',
    '--appendonly', options.appendonly ? 'yes' : 'no',
    '--appendfsync', 'everysec',
    // BullMQ needs keys to survive memory pressure.
    '--maxmemory-policy', 'noeviction',
    '--daemonize', 'no',
    '--logfile', '',
    '--loglevel', 'warning',
    ...(options.cluster === undefined
      ? []
      : [
          '--cluster-enabled', 'yes',
          '--cluster-config-file', path.join(dir, 'nodes.conf'),
          '--cluster-node-timeout', String(options.cluster.nodeTimeoutMs),
          '--cluster-port', String(options.cluster.busPort),
          // A replica's first sync starts at once rather than after the default 5 s wait for more replicas.
          '--repl-diskless-sync-delay', '0',
        ]),
  ];
  const child = spawn(options.binary ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const spawnFailed = new Promise<never>((_, reject) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        new RedisServerError(
          err.code === 'ENOENT'
            ? 'redis-server is not installed: install it (apt-get install redis-server) or set REDIS_URL'
            : `cannot start redis-server: ${err.message}`,
          { cause: err },
        ),
      );
    });
  });
  try {
    await Promise.race([waitForPort(endpoint, options.startTimeoutMs ?? 10_000, child), spawnFailed]);
  } catch (error) {
    child.kill('SIGKILL');
    if (error instanceof RedisServerError && output.length > 0) {
      throw new RedisServerError(`${error.message}: ${output.join('').trim().slice(-500)}`, { cause: error });
    }
    throw error;
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    url: 'socket' in endpoint ? `redis+socket://${endpoint.socket}` : `redis://127.0.0.1:${endpoint.port}`,
    pid: child.pid ?? -1,
    exited,
    async stop(graceMs) {
      if (child.exitCode !== null || child.signalCode !== null) return true;
      // SIGTERM makes redis flush the AOF and exit cleanly.
      child.kill('SIGTERM');
      if (graceMs === undefined || (await within(exited.then(() => true), graceMs, false))) {
        await exited;
        return true;
      }
      child.kill('SIGKILL');
      await exited;
      return false;
    },
  };
}
