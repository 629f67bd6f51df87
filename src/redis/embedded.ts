/**
 * The embedded Redis of `bantin start` (and of CLI commands) when REDIS_URL
 * is unset: a redis-server child under <data>/redis, AOF on, listening on a
 * unix socket only, supervised (restarted when it dies: supervisor.ts). A
 * second bantin process finds it by its socket and uses it instead of
 * starting another; one left behind by a bantin killed with -9 is
 * recognized by the owner file (orphan.ts), stopped, and started anew. redis-server is installed from the
 * distribution when missing and this process may (root or passwordless sudo).
 */
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { systemClock, type Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { within } from '../core/within.js';
import { clearOwner, findOrphan, stopOrphan, writeOwner } from './orphan.js';
import { RedisServerError, startRedisServer } from './server.js';
import { superviseRedis } from './supervisor.js';

const ANSWER_TIMEOUT_MS = 1000;

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

/** Whether a Redis answers PING on `socket` within a second (a stopped or hung one accepts and says nothing). */
function answers(socket: string): Promise<boolean> {
  const s = net.connect(socket);
  const pong = new Promise<boolean>((resolve) => {
    s.once('connect', () => {
      s.write('PING\r\n');
      s.once('data', (d) => resolve(d.toString().startsWith('+PONG')));
    });
    s.once('error', () => resolve(false));
  });
  return within(pong, ANSWER_TIMEOUT_MS, false).finally(() => s.destroy());
}

export interface EmbeddedRedis {
  url: string;
  /** False when this process's embedded Redis is down and cannot be restarted (see supervisor.ts); a shared one is not watched. */
  healthy(): boolean;
  /** Stops the server if this process started it (false if it had to be killed after `graceMs`); a shared one is left running. */
  stop(graceMs?: number): Promise<boolean>;
}

export async function useEmbeddedRedis(dataDir: string, log: Logger, clock: Clock = systemClock): Promise<EmbeddedRedis> {
  const dir = path.resolve(dataDir, 'redis');
  const socket = path.join(dir, 'redis.sock');
  const orphan = await findOrphan(dir, socket);
  if (orphan !== null) {
    // Stopped and started again rather than adopted: only a child of this process can be supervised (a
    // non-child's exit cannot be waited on), and SIGTERM makes it write its AOF, so nothing is lost.
    log.warn({ pid: orphan, dir }, 'embedded redis left running by a bantin process that died: stopping it to start our own');
    await stopOrphan(orphan);
  } else if (await answers(socket)) {
    log.info({ socket }, 'using the embedded redis another bantin process started');
    return { url: `redis+socket://${socket}`, healthy: () => true, stop: async () => true };
  }
  if (!hasCommand('redis-server')) installRedis(log);
  const supervised = await superviseRedis({
    start: () => startRedisServer({ listen: { socket }, dir, appendonly: true }),
    onStarted: (server) => writeOwner(dir, server.pid),
    log,
    clock,
  });
  log.info({ socket, dir, pid: supervised.pid() }, 'embedded redis started (AOF on)');
  return {
    url: supervised.url,
    healthy: () => supervised.healthy(),
    async stop(graceMs) {
      const pid = supervised.pid();
      const clean = await supervised.stop(graceMs);
      if (pid !== null) await clearOwner(dir, pid);
      return clean;
    },
  };
}
