/**
 * A run whose worker is killed (SIGKILL) while planning is planned again
 * by another worker once its queue lock lapses. What is reported of it —
 * the source's last run, the job's start and duration, the job summary —
 * is the run's own: from when the first worker took it, not from the
 * re-plan.
 */
import { spawn } from 'node:child_process';
import type http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createOpsService } from '../../src/ops/index.js';
import { createCrawlQueue } from '../../src/queue/index.js';
import { startWorker } from '../../src/roles/worker.js';
import { createCrawlStateStore, createProfileDriftStore, createRedisStore, keys } from '../../src/store/index.js';
import { ROOT } from '../support/config-copy.js';
import { testContext } from '../support/context.js';
import { startCrawlWorld, type CrawlWorld } from '../support/crawl-world.js';

const PREFIX = 'replan';
let world: CrawlWorld;

beforeAll(async () => {
  world = await startCrawlWorld();
});
afterAll(async () => {
  await world.close();
});

it('reports a run re-planned after its worker died from the run’s own start', async () => {
  const env = world.env(PREFIX, { QUEUE_LOCK_MS: '1500' });
  // The feed answers only after the first worker is dead: it dies planning.
  let asked = 0;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  world.site.route('/rss/home.rss', async (_req: http.IncomingMessage, res: http.ServerResponse) => {
    asked++;
    await released;
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(await world.site.file('rss/home.rss'));
  });

  const client = world.redis.client();
  const queue = createCrawlQueue({ connection: world.redis.client(), prefix: keys(PREFIX).queuePrefix, clock: systemClock, log: silentLogger() });
  const state = createCrawlStateStore({ redis: client, prefix: PREFIX });
  const ctx = await testContext(env);
  const ops = createOpsService({
    sources: ctx.config.sources,
    crawlState: state,
    drift: createProfileDriftStore({ redis: client, prefix: PREFIX }),
    store: createRedisStore({ redis: client, prefix: PREFIX, log: silentLogger() }),
    queue,
    clock: systemClock,
  });
  const doomed = spawn(process.execPath, [path.join(ROOT, 'bin/bantin.js'), 'worker'], { cwd: ROOT, env, stdio: 'ignore' });
  try {
    const enqueuedAt = Date.now();
    const jobId = await queue.enqueueRun({ sourceId: 'kinhtedothi', slot: null, trigger: 'manual', pages: null });
    await expect.poll(() => asked, { timeout: 20_000, interval: 50 }).toBe(1);
    doomed.kill('SIGKILL');
    await new Promise((resolve) => doomed.once('exit', resolve));
    const killedAt = Date.now();
    release();

    const survivor = await startWorker(ctx);
    try {
      await expect.poll(async () => (await state.get('kinhtedothi')).lastRun?.status, { timeout: 30_000, interval: 100 }).toBe('ok');
    } finally {
      await survivor.stop(5000);
    }
    // The survivor planned it again: the feed was asked twice.
    expect(asked).toBe(2);

    const view = await ops.source('kinhtedothi');
    const startedAt = Date.parse(view.lastRun?.startedAt ?? '');
    const finishedAt = Date.parse(view.lastRun?.finishedAt ?? '');
    expect(startedAt).toBeGreaterThanOrEqual(enqueuedAt);
    expect(startedAt).toBeLessThanOrEqual(killedAt);
    expect(view.lastRun?.durationMs).toBe(finishedAt - startedAt);
    expect(view.lastRun?.durationMs).toBeGreaterThanOrEqual(finishedAt - killedAt);

    const job = await ops.job(jobId);
    expect(job.state).toBe('completed');
    expect(Date.parse(job.startedAt ?? '')).toBe(startedAt);
    expect(job.durationMs).toBe(finishedAt - startedAt);
  } finally {
    release();
    if (doomed.exitCode === null) doomed.kill('SIGKILL');
    await queue.close();
    await ctx.close();
  }
}, 90_000);
