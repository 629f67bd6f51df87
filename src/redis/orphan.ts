/**
 * The embedded Redis's owner file: `<data>/redis/owner.json` names the
 * bantin process that started the redis-server under that directory, and
 * the redis-server's pid. A `bantin start` killed with -9 leaves its
 * redis-server running (parent 1) and the file behind; the next one reads
 * it and, only when the owner is dead and the server on the directory's
 * socket is that very process (its INFO process_id) serving that very
 * directory (CONFIG GET dir), or, when nothing answers there, the owner
 * file's redis-server pid still works in that directory (/proc), treats it
 * as an orphan to stop. A server it cannot prove is its own is never
 * touched.
 */
import { readFileSync } from 'node:fs';
import { readFile, readlink, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { within } from '../core/within.js';

const IDENTIFY_TIMEOUT_MS = 2000;

const ownerSchema = z.object({ bantinPid: z.number().int().positive(), redisPid: z.number().int().positive() });
export type Owner = z.infer<typeof ownerSchema>;

export function ownerFile(dir: string): string {
  return path.join(dir, 'owner.json');
}

export async function writeOwner(dir: string, redisPid: number): Promise<void> {
  await writeFile(ownerFile(dir), `${JSON.stringify({ bantinPid: process.pid, redisPid } satisfies Owner)}\n`);
}

/** Removes the file only while it still names `redisPid` (a newer owner's file stays). */
export async function clearOwner(dir: string, redisPid: number): Promise<void> {
  const owner = await readOwner(dir);
  if (owner?.redisPid === redisPid) await rm(ownerFile(dir), { force: true });
}

async function readOwner(dir: string): Promise<Owner | null> {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(await readFile(ownerFile(dir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `pid` is a live bantin process (on Linux by its command line, so a reused pid does not count). */
function isLiveBantin(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('bantin');
  } catch {
    // No /proc: a live pid is taken for the owner, and its server is left alone.
    return true;
  }
}

/** The redis-server on `socket`: its pid and data directory, or null when it does not answer. */
async function identify(socket: string): Promise<{ pid: number; dir: string } | null> {
  const client = new Redis({ path: socket, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: IDENTIFY_TIMEOUT_MS });
  client.on('error', () => undefined);
  const ask = async (): Promise<{ pid: number; dir: string } | null> => {
    await client.connect();
    const info = await client.info('server');
    const dir = (await client.config('GET', 'dir')) as string[];
    const pid = Number(/^process_id:(\d+)/m.exec(info)?.[1]);
    return Number.isInteger(pid) && typeof dir[1] === 'string' ? { pid, dir: dir[1] } : null;
  };
  try {
    // A stopped or hung server accepts the connection and never answers.
    return await within(ask(), IDENTIFY_TIMEOUT_MS, null);
  } catch {
    return null;
  } finally {
    client.disconnect();
  }
}

/** Whether `pid` is a redis-server working in `dir` (Linux: /proc; elsewhere unknown, so false). */
async function isRedisServerOf(pid: number, dir: string): Promise<boolean> {
  try {
    const comm = (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
    return comm.startsWith('redis-server') && (await readlink(`/proc/${pid}/cwd`)) === path.resolve(dir);
  } catch {
    return false;
  }
}

/**
 * The pid of a redis-server left serving `dir` by a bantin process that is gone; null otherwise.
 * Proven by its socket when it answers there, else (still loading its AOF, or hung) by /proc, so a
 * second server is never started on the same AOF next to it.
 */
export async function findOrphan(dir: string, socket: string): Promise<number | null> {
  const owner = await readOwner(dir);
  if (owner === null || owner.bantinPid === process.pid || isLiveBantin(owner.bantinPid)) return null;
  const server = await identify(socket);
  if (server !== null) return server.pid === owner.redisPid && path.resolve(server.dir) === path.resolve(dir) ? server.pid : null;
  return isAlive(owner.redisPid) && (await isRedisServerOf(owner.redisPid, dir)) ? owner.redisPid : null;
}

/**
 * SIGTERM (redis writes its AOF and exits), then waits for the pid to go,
 * polling: it is not our child, so there is no exit event to wait on.
 * Past `timeoutMs`, SIGKILL.
 */
export async function stopOrphan(pid: number, timeoutMs = 10_000): Promise<void> {
  const gone = async (ms: number): Promise<boolean> => {
    const deadline = Date.now() + ms;
    while (isAlive(pid)) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return true;
  };
  try {
    process.kill(pid, 'SIGTERM');
    // One stopped (SIGSTOP) would keep the SIGTERM pending for ever.
    process.kill(pid, 'SIGCONT');
  } catch {
    return;
  }
  if (await gone(timeoutMs)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await gone(2000);
}
