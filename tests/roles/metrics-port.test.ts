/** A worker run on its own answers /metrics on METRICS_PORT, with its fetch and article counters. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../src/redis/server.js';
import { ROOT } from '../support/config-copy.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis.stop());

it('serves the worker process metrics on METRICS_PORT and stops with it', async () => {
  const port = await freePort();
  const env = { ...process.env, REDIS_URL: redis.url, METRICS_PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/bantin.js'), 'worker'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if ((JSON.parse(line) as { msg: string }).msg === 'bantin running') resolve();
      });
      void exited.then((code) => reject(new Error(`worker exited with ${code}`)));
    });
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^# HELP bantin_/m);
    expect(text).toContain('bantin_fetch');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 30_000);
