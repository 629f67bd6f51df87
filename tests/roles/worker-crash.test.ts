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
import { configFor, ROOT, type ConfigCopy } from '../support/config-copy.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { testContext } from '../support/context.js';

const PREFIX = 'crash';
let redis: TestRedis;
let site: FixtureSite;
let config: ConfigCopy;

beforeAll(async () => {
  redis = await startTestRedis();
  site = await startFixtureSite(path.join(ROOT, 'tests/fixtures/site'));
  // The dead worker's two fetch slots stay leased for their full lease (45 s): room for two more.
  config = await configFor(site.origin, [[/concurrency: \d+/, 'concurrency: 4']]);
});
afterAll(async () => {
  await site.close();
  await redis.stop();
  await config.remove();
});

it('retries the article jobs of a killed worker elsewhere and stores each article once', async () => {
  const env = {
    ...process.env,
    REDIS_URL: redis.url,
    BANTIN_CONFIG: config.configDir,
    BANTIN_FEEDS: config.feedsDir,
    BANTIN_REDIS_PREFIX: PREFIX,
    BANTIN_ALLOW_PRIVATE_NETWORKS: '1',
    QUEUE_LOCK_MS: '1500',
    LOG_LEVEL: 'silent',
  };
  // Article pages answer only after the first worker is dead.
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let articleRequests = 0;
  const slow = async (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, s: FixtureSite): Promise<void> => {
    articleRequests++;
    await released;
    const url = new URL(req.url ?? '/', s.origin);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(await s.file(url.pathname.slice(1)));
  };
  site.route('/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html', slow);
  site.route('/thi-truong-vang-trong-nuoc-tang-manh-phien-dau-tuan.html', slow);

  const doomed = spawn(process.execPath, [path.join(ROOT, 'bin/bantin.js'), 'worker'], { cwd: ROOT, env, stdio: 'ignore' });
  const queue = createCrawlQueue({ connection: redis.client(), prefix: keys(PREFIX).queuePrefix, clock: systemClock });
  const state = createCrawlStateStore({ redis: redis.client(), prefix: PREFIX });
  const ctx = await testContext(env);
  try {
    await queue.enqueueRun({ sourceId: 'kinhtedothi', slot: null, trigger: 'manual', pages: null });
    // The doomed worker planned the run and holds both article jobs.
    await expect.poll(() => articleRequests, { timeout: 15_000, interval: 50 }).toBe(2);
    doomed.kill('SIGKILL');
    await new Promise((resolve) => doomed.once('exit', resolve));
    release();

    const survivor = await startWorker(ctx);
    try {
      await expect.poll(async () => (await state.get('kinhtedothi')).lastRun?.status, { timeout: 20_000, interval: 100 }).toBe('ok');
    } finally {
      await survivor.stop(5000);
    }
    const last = (await state.get('kinhtedothi')).lastRun;
    expect(last?.counts).toMatchObject({ new: 2, failed: 0 });
    const store = createRedisStore({ redis: redis.client(), prefix: PREFIX, log: silentLogger() });
    expect(await store.count({ kind: 'all' })).toBe(2);
    // The lock is released once the run is reported.
    expect((await state.get('kinhtedothi')).runningJob).toBeNull();
  } finally {
    if (doomed.exitCode === null) doomed.kill('SIGKILL');
    await queue.close();
    await ctx.close();
  }
}, 60_000);
