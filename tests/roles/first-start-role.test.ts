/**
 * `bantin start` on an empty store, in-process: the scheduler crawls the fixture source at once (its cron is
 * a quarter of an hour away), the worker stores its articles, and a scheduler started again finds the source
 * has run and enqueues nothing more. The shipped sources that point at real sites are paused first.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Context } from '../../src/roles/context.js';
import type { RoleHandle } from '../../src/roles/role.js';
import { startScheduler } from '../../src/roles/scheduler.js';
import { startWorker } from '../../src/roles/worker.js';
import { createCrawlQueue } from '../../src/queue/index.js';
import { systemClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createCrawlStateStore, createRedisStore, keys } from '../../src/store/index.js';
import { testContext } from '../support/context.js';
import { startCrawlWorld, type CrawlWorld } from '../support/crawl-world.js';

const PREFIX = 'first-start';
let world: CrawlWorld;
let ctx: Context;
const roles: RoleHandle[] = [];

beforeAll(async () => {
  // A cron that cannot fire during the test: only the first-start run can crawl.
  world = await startCrawlWorld([[/cron: .*/, 'cron: "0 0 1 1 *"']]);
  const state = createCrawlStateStore({ redis: world.redis.client(), prefix: PREFIX });
  for (const id of ['phapluatxahoi', 'thitruongtaichinh']) await state.setPaused(id, true);
  ctx = await testContext(world.env(PREFIX, { BANTIN_FIRST_CRAWL: '1' }));
});
afterAll(async () => {
  await Promise.all(roles.map((r) => r.stop(5000)));
  await ctx.close();
  await world.close();
});

it('crawls a source that never ran at once, and only once across a restart', async () => {
  const first = await startScheduler(ctx);
  roles.push(await startWorker(ctx), first);
  expect(await first.firstStart).toEqual(['kinhtedothi']);
  const store = createRedisStore({ redis: world.redis.client(), prefix: PREFIX, log: silentLogger() });
  const state = createCrawlStateStore({ redis: world.redis.client(), prefix: PREFIX });
  await expect.poll(async () => (await state.get('kinhtedothi')).lastRun?.status, { timeout: 15_000, interval: 100 }).toBe('ok');
  expect(await store.count({ kind: 'source', id: 'kinhtedothi' })).toBe(2);

  // A second scheduler (a restart, or another process) finds the source has run.
  const again = await startScheduler(ctx);
  roles.push(again);
  const queue = createCrawlQueue({ connection: world.redis.client(), prefix: keys(PREFIX).queuePrefix, clock: systemClock, log: silentLogger() });
  try {
    expect(await again.firstStart).toEqual([]);
    const runs = (await queue.queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'])).filter((j) => j.name === 'source-run');
    expect(runs.map((j) => j.data)).toMatchObject([{ sourceId: 'kinhtedothi', trigger: 'first-start' }]);
  } finally {
    await queue.close();
  }
}, 30_000);
