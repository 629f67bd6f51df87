/**
 * A worker killed in the middle of a run (SIGKILL: no chance to clean up)
 * loses nothing: its article jobs are retried by another worker once their
 * locks lapse, the run is reported when they are all done, and every
 * article is stored once.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createCrawlQueue } from '../../src/queue/index.js';
import { startWorker } from '../../src/roles/worker.js';
import { createCrawlStateStore, createRedisStore, keys } from '../../src/store/index.js';
import { ROOT } from '../support/config-copy.js';
import { testContext } from '../support/context.js';
import { holdArticles, startCrawlWorld, type CrawlWorld } from '../support/crawl-world.js';

const PREFIX = 'crash';
let world: CrawlWorld;

beforeAll(async () => {
  world = await startCrawlWorld();
});
afterAll(async () => {
  await world.close();
});

it('retries the article jobs of a killed worker elsewhere and stores each article once', async () => {
  const env = world.env(PREFIX, { QUEUE_LOCK_MS: '1500' });
  // Article pages answer only after the first worker is dead.
  const pages = holdArticles(world.site);

  const doomed = spawn(process.execPath, [path.join(ROOT, 'bin/bantin.js'), 'worker'], { cwd: ROOT, env, stdio: 'ignore' });
  const queue = createCrawlQueue({ connection: world.redis.client(), prefix: keys(PREFIX).queuePrefix, clock: systemClock, log: silentLogger() });
  const state = createCrawlStateStore({ redis: world.redis.client(), prefix: PREFIX });
  const ctx = await testContext(env);
  try {
    await queue.enqueueRun({ sourceId: 'kinhtedothi', slot: null, trigger: 'manual', pages: null });
    // The doomed worker planned the run and holds both article jobs.
    await expect.poll(pages.inFlight, { timeout: 15_000, interval: 50 }).toBe(2);
    doomed.kill('SIGKILL');
    await new Promise((resolve) => doomed.once('exit', resolve));
    pages.release();

    const survivor = await startWorker(ctx);
    try {
      await expect.poll(async () => (await state.get('kinhtedothi')).lastRun?.status, { timeout: 20_000, interval: 100 }).toBe('ok');
    } finally {
      await survivor.stop(5000);
    }
    const last = (await state.get('kinhtedothi')).lastRun;
    expect(last?.counts).toMatchObject({ new: 2, failed: 0 });
    const store = createRedisStore({ redis: world.redis.client(), prefix: PREFIX, log: silentLogger() });
    expect(await store.count({ kind: 'all' })).toBe(2);
    // The lock is released once the run is reported.
    expect((await state.get('kinhtedothi')).runningJob).toBeNull();
  } finally {
    if (doomed.exitCode === null) doomed.kill('SIGKILL');
    await queue.close();
    await ctx.close();
  }
}, 60_000);
