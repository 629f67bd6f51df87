/**
 * `bantin start` with REDIS_URL unset: the quick start. It runs its own
 * redis-server under the data dir with AOF on, serves, and on SIGTERM stops
 * every role and the Redis it started, exiting 0.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from '../support/config-copy.js';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'bantin-start-'));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

interface LogLine {
  msg: string;
  url?: string;
  pid?: number;
}

it('starts with an embedded Redis, serves, and shuts everything down on SIGTERM', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', BANTIN_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  delete env.REDIS_URL;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/bantin.js'), 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const parsed = JSON.parse(line) as LogLine;
      lines.push(parsed);
      if (parsed.msg === 'bantin running') resolve();
    });
    void exited.then((code) => reject(new Error(`bantin start exited with ${code} before running`)));
  });
  try {
    await running;
    const redisLine = lines.find((l) => l.msg === 'embedded redis started (AOF on)');
    expect(redisLine?.pid).toBeGreaterThan(0);
    const url = lines.find((l) => l.msg === 'serving feeds')?.url;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect((await fetch(`${url}/feeds/all.rss`)).headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.at(-1)?.msg).toBe('stopped');
    // The Redis it started is gone with it, and its AOF stays under the data dir.
    expect(() => process.kill(redisLine?.pid as number, 0)).toThrow();
    expect(await readdir(path.join(dataDir, 'redis'))).toContain('appendonlydir');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 30_000);
