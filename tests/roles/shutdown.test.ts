/**
 * Graceful shutdown as an operator sees it: SIGTERM to a worker in the
 * middle of a run lets its in-flight article jobs finish and exits 0 (or,
 * past the deadline, returns them to the queue and exits 1), and the run
 * completes on the next worker with every article stored once. `serve` and
 * `scheduler` stop on SIGINT as well as SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createCrawlQueue, type CrawlQueue } from '../../src/queue/index.js';
import { startWorker } from '../../src/roles/worker.js';
import { createCrawlStateStore, createRedisStore, keys } from '../../src/store/index.js';
import { freePort } from '../../src/redis/server.js';
import { ROOT } from '../support/config-copy.js';
import { testContext } from '../support/context.js';
import { holdArticles, startCrawlWorld, type CrawlWorld } from '../support/crawl-world.js';

let world: CrawlWorld;
let prefix: string;
let queue: CrawlQueue;
let runs = 0;

beforeAll(async () => {
  world = await startCrawlWorld();
});
afterAll(async () => {
  await world.close();
});
beforeEach(() => {
  prefix = `shutdown${++runs}`;
  queue = createCrawlQueue({ connection: world.redis.client(), prefix: keys(prefix).queuePrefix, clock: systemClock, log: silentLogger() });
});
afterEach(async () => {
  await queue.close();
});

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  // At info: the tests read the shutdown lines.
  return world.env(prefix, { QUEUE_LOCK_MS: '1500', LOG_LEVEL: 'info', ...extra });
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function spawnRole(role: string, extraEnv: Record<string, string>): Running {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/bantin.js'), role], { cwd: ROOT, env: env(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Runs a worker in this process until the source's last run is reported, and returns what was stored. */
async function finishOnAnotherWorker(): Promise<{ status: string | undefined; counts: unknown; stored: number }> {
  const ctx = await testContext(env({}));
  const state = createCrawlStateStore({ redis: world.redis.client(), prefix });
  const worker = await startWorker(ctx);
  try {
    await expect.poll(async () => (await state.get('kinhtedothi')).lastRun?.status, { timeout: 20_000, interval: 100 }).toBeDefined();
  } finally {
    await worker.stop(5000);
    await ctx.close();
  }
  const last = (await state.get('kinhtedothi')).lastRun;
  const store = createRedisStore({ redis: world.redis.client(), prefix, log: silentLogger() });
  return { status: last?.status, counts: last?.counts, stored: await store.count({ kind: 'all' }) };
}

it('lets in-flight article jobs finish on SIGTERM, exits 0, and the run completes on the next worker', async () => {
  const pages = holdArticles(world.site);
  const worker = spawnRole('worker', { SHUTDOWN_TIMEOUT_MS: '20000' });
  try {
    await queue.enqueueRun({ sourceId: 'kinhtedothi', slot: null, trigger: 'manual', pages: null });
    await expect.poll(pages.inFlight, { timeout: 15_000, interval: 50 }).toBe(2);
    worker.child.kill('SIGTERM');
    // Still draining: the signal does not cut the held fetches off.
    await expect.poll(() => worker.output(), { timeout: 5000, interval: 50 }).toContain('shutting down');
    expect(worker.child.exitCode).toBeNull();
    pages.release();
    expect(await worker.exited).toBe(0);
    expect(worker.output()).not.toContain('did not finish before the deadline');
  } finally {
    if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
  }
  // Both articles were stored by the draining worker; the run's report is left to the next one.
  const store = createRedisStore({ redis: world.redis.client(), prefix, log: silentLogger() });
  expect(await store.count({ kind: 'all' })).toBe(2);
  const result = await finishOnAnotherWorker();
  expect(result).toMatchObject({ status: 'ok', counts: { new: 2, failed: 0 }, stored: 2 });
}, 60_000);

it('returns jobs still running at the deadline to the queue, exits 1 saying so; another worker stores them once', async () => {
  const pages = holdArticles(world.site);
  const worker = spawnRole('worker', { SHUTDOWN_TIMEOUT_MS: '500' });
  try {
    await queue.enqueueRun({ sourceId: 'kinhtedothi', slot: null, trigger: 'manual', pages: null });
    await expect.poll(pages.inFlight, { timeout: 15_000, interval: 50 }).toBe(2);
    worker.child.kill('SIGTERM');
    // Past the deadline: exit 1, and one line naming the jobs it handed back.
    expect(await worker.exited).toBe(1);
    const abandoned = worker.output().split('\n').filter((l) => l.includes('stopped past the shutdown deadline'));
    expect(abandoned).toHaveLength(1);
    expect(abandoned[0]).toContain('2 in-flight jobs returned to the queue');
  } finally {
    if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    pages.release();
  }
  const result = await finishOnAnotherWorker();
  expect(result).toMatchObject({ status: 'ok', counts: { new: 2, failed: 0 }, stored: 2 });
}, 60_000);

for (const [role, signal] of [['serve', 'SIGINT'], ['scheduler', 'SIGINT'], ['scheduler', 'SIGTERM']] as const) {
  it(`${role} stops on ${signal} and exits 0`, async () => {
    const port = await freePort();
    const running = spawnRole(role, { PORT: String(port) });
    try {
      await expect.poll(() => running.output(), { timeout: 15_000, interval: 50 }).toContain('bantin running');
      running.child.kill(signal);
      expect(await running.exited).toBe(0);
      expect(running.output()).toContain('"msg":"stopped"');
    } finally {
      if (running.child.exitCode === null) running.child.kill('SIGKILL');
    }
  }, 30_000);
}

it('stops a worker shortly after its deadline even while Redis is away', async () => {
  const pages = holdArticles(world.site);
  const ctx = await testContext(env({ SHUTDOWN_TIMEOUT_MS: '500' }));
  const worker = await startWorker(ctx);
  try {
    await queue.enqueueRun({ sourceId: 'kinhtedothi', slot: null, trigger: 'manual', pages: null });
    await expect.poll(pages.inFlight, { timeout: 15_000, interval: 50 }).toBe(2);
    await world.redis.restart(async () => {
      const started = Date.now();
      await worker.stop(500);
      // The deadline, the fetches cut off, and a short grace for a queue connection that is not coming back.
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  } finally {
    pages.release();
    await ctx.close();
  }
}, 60_000);
