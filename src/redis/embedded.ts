/**
 * The embedded Redis of `bantin start` (and of CLI commands) when REDIS_URL
 * is unset: a redis-server child under <data>/redis, AOF on, listening on a
 * unix socket only. A second bantin process finds it by its socket and uses
 * it instead of starting another. redis-server is installed from the
 * distribution when missing and this process may (root or passwordless sudo).
 */
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../core/log.js';
import { RedisServerError, startRedisServer, type RedisServer } from './server.js';

function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function installRedis(log: Logger): void {
  const isRoot = process.getuid?.() === 0;
  const sudo = !isRoot && hasCommand('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if ((!isRoot && !sudo) || !hasCommand('apt-get')) {
    throw new RedisServerError('redis-server is not installed: install it (apt-get install redis-server) or set REDIS_URL to a Redis server');
  }
  log.info('redis-server not found: installing it with apt-get (once)');
  const run = (args: string[]): number | null => {
    const [cmd, ...rest] = sudo ? ['sudo', '-n', ...args] : args;
    return spawnSync(cmd as string, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status;
  };
  if (run(['apt-get', 'install', '-y', '-q', 'redis-server']) !== 0) {
    run(['apt-get', 'update', '-q']);
    if (run(['apt-get', 'install', '-y', '-q', 'redis-server']) !== 0) {
      throw new RedisServerError('could not install redis-server with apt-get: install it yourself or set REDIS_URL');
    }
  }
}

function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(socket);
    s.once('connect', () => {
      s.write('PING\r\n');
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
    });
    s.once('error', () => resolve(false));
  });
}

export interface EmbeddedRedis {
  url: string;
  /** Stops the server if this process started it; a shared one is left running. */
  stop(): Promise<void>;
}

export async function useEmbeddedRedis(dataDir: string, log: Logger): Promise<EmbeddedRedis> {
  const dir = path.resolve(dataDir, 'redis');
  const socket = path.join(dir, 'redis.sock');
  if (await answers(socket)) {
    log.info({ socket }, 'using the embedded redis another bantin process started');
    return { url: `redis+socket://${socket}`, stop: async () => undefined };
  }
  if (!hasCommand('redis-server')) installRedis(log);
  const server: RedisServer = await startRedisServer({ listen: { socket }, dir, appendonly: true });
  log.info({ socket, dir, pid: server.pid }, 'embedded redis started (AOF on)');
  return { url: server.url, stop: () => server.stop() };
}
