/**
 * `bantin start`'s embedded Redis (REDIS_URL unset) is supervised, as an
 * operator would find out with kill -9:
 * - its redis-server killed, it is started again, the restart logged, and
 *   /readyz recovers;
 * - when it cannot be started again, /healthz fails (503) so a liveness
 *   probe notices, and recovers once it can;
 * - `bantin start` itself killed with -9 leaves its redis-server behind;
 *   the next `bantin start` on that data dir stops that orphan (its data
 *   kept) and runs its own, and once stopped no redis-server of that data
 *   dir remains; one that no longer answers (hung) is stopped as well.
 */
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, rmdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { spawnRole, type RoleProcess } from '../support/role-process.js';

let dataDir: string;
const started: RoleProcess[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'bantin-supervise-'));
});
afterEach(async () => {
  for (const p of started.splice(0)) p.kill();
  for (const pid of await redisServersOf(path.join(dataDir, 'redis'))) process.kill(pid, 'SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

function start(): RoleProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', BANTIN_DATA_DIR: dataDir, LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '3000' };
  delete env.REDIS_URL;
  const p = spawnRole('start', env);
  started.push(p);
  return p;
}

/** Every live redis-server whose working directory (its --dir) is `dir`. */
async function redisServersOf(dir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = (await readFile(`/proc/${entry}/comm`, 'utf8')).trim();
      if (comm.startsWith('redis-server') && (await readlink(`/proc/${entry}/cwd`)) === dir) pids.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}

async function status(url: string): Promise<number> {
  return (await fetch(url)).status;
}

async function running(p: RoleProcess): Promise<{ url: string; redisPid: number }> {
  await p.line('bantin running');
  const url = p.lines.find((l) => l.msg === 'serving feeds')?.url as string;
  const redisPid = p.lines.find((l) => l.msg === 'embedded redis started (AOF on)')?.pid as number;
  return { url, redisPid };
}

it('restarts its redis-server when it is killed, and /readyz recovers', async () => {
  const bantin = start();
  const { url, redisPid } = await running(bantin);
  expect(await status(`${url}/readyz`)).toBe(200);
  process.kill(redisPid, 'SIGKILL');
  const restarted = await bantin.line('embedded redis restarted');
  expect(restarted.pid).not.toBe(redisPid);
  expect(bantin.lines.some((l) => l.msg === 'embedded redis exited unexpectedly: restarting it' && l.pid === redisPid)).toBe(true);
  await expect.poll(() => status(`${url}/readyz`), { timeout: 15_000, interval: 100 }).toBe(200);
  expect(await status(`${url}/healthz`)).toBe(200);
  expect(await redisServersOf(path.join(dataDir, 'redis'))).toEqual([restarted.pid]);
}, 120_000);

it('fails /healthz while its redis-server cannot be started again, and recovers once it can', async () => {
  const bantin = start();
  const { url, redisPid } = await running(bantin);
  const socket = path.join(dataDir, 'redis', 'redis.sock');
  process.kill(redisPid, 'SIGKILL');
  await bantin.line('embedded redis exited unexpectedly: restarting it');
  // A directory where the socket goes: redis-server cannot listen there.
  await rm(socket, { force: true });
  await mkdir(socket);
  await expect.poll(() => status(`${url}/healthz`), { timeout: 20_000, interval: 100 }).toBe(503);
  expect(await status(`${url}/readyz`)).toBe(503);
  await rmdir(socket);
  await expect.poll(() => status(`${url}/healthz`), { timeout: 20_000, interval: 200 }).toBe(200);
  await expect.poll(() => status(`${url}/readyz`), { timeout: 15_000, interval: 100 }).toBe(200);
}, 120_000);

it('after bantin start is killed with -9, the next one stops the orphaned redis-server, keeps its data, and leaves none behind', async () => {
  const redisDir = path.join(dataDir, 'redis');
  const first = start();
  const { redisPid: orphan } = await running(first);
  const client = new Redis({ path: path.join(redisDir, 'redis.sock') });
  await client.set('supervise-test', 'kept');
  client.disconnect();
  first.child.kill('SIGKILL');
  await first.exited;
  // The orphan outlives it.
  expect(await redisServersOf(redisDir)).toEqual([orphan]);

  const second = start();
  const { url, redisPid } = await running(second);
  expect(redisPid).not.toBe(orphan);
  expect(second.lines.some((l) => l.msg === 'embedded redis left running by a bantin process that died: stopping it to start our own' && l.pid === orphan)).toBe(true);
  expect(await redisServersOf(redisDir)).toEqual([redisPid]);
  expect(await status(`${url}/readyz`)).toBe(200);
  const again = new Redis({ path: path.join(redisDir, 'redis.sock') });
  expect(await again.get('supervise-test')).toBe('kept');
  again.disconnect();

  second.child.kill('SIGTERM');
  expect((await second.exited).code).toBe(0);
  expect(second.lines.at(-1)?.msg).toBe('stopped');
  expect(await redisServersOf(redisDir)).toEqual([]);
}, 120_000);

it('stops an orphaned redis-server that no longer answers too, rather than starting a second one on its AOF', async () => {
  const redisDir = path.join(dataDir, 'redis');
  const first = start();
  const { redisPid: orphan } = await running(first);
  first.child.kill('SIGKILL');
  await first.exited;
  // Hung: it accepts connections on its socket and answers nothing.
  process.kill(orphan, 'SIGSTOP');

  const second = start();
  const { url, redisPid } = await running(second);
  expect(second.lines.some((l) => l.msg === 'embedded redis left running by a bantin process that died: stopping it to start our own' && l.pid === orphan)).toBe(true);
  expect(await redisServersOf(redisDir)).toEqual([redisPid]);
  expect(await status(`${url}/readyz`)).toBe(200);
  second.child.kill('SIGTERM');
  expect((await second.exited).code).toBe(0);
  expect(await redisServersOf(redisDir)).toEqual([]);
}, 120_000);
