/**
 * A `bantin worker` process killed with SIGKILL in the middle of a run, as
 * an operator's `kill -9` or the OOM killer would: it dies with article
 * jobs in flight (their pages held open), some articles stored and others
 * still queued. Nobody cleans up after it. Then:
 *
 * - its run lock, a lease nobody renews now, lapses within RUN_LOCK_TTL_MS
 *   and `bantin sources` stops showing the source as running;
 * - a new worker takes over its jobs and the run finishes `ok`;
 * - every article of the site is stored (0 lost), each record written once
 *   (0 stored twice, counted from Redis keyspace events), each URL held by
 *   one record, and no lock is left behind.
 *
 * The same holds when the worker that took over is killed too, with jobs
 * of its own in flight: a third finishes the run.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createCrawlQueue } from '../../src/queue/index.js';
import { createCrawlStateStore, keys } from '../../src/store/index.js';
import { bantin } from '../support/cli.js';
import { ARTICLE_PATHS, startCrawlWorld, type CrawlWorld } from '../support/crawl-world.js';
import { addArticles, countWrites, fetchesOf, holdPages, recordsByPath, report, spawnBantin, type BantinProcess } from '../support/fault-kit.js';

const PREFIX = 'kill9';
const SOURCE = 'kinhtedothi';
/** Synthetic articles besides the fixture site's two. */
const EXTRA = 10;
const LEASE_TTL_MS = 3000;
const LEASE_RENEW_MS = 500;

let world: CrawlWorld;

beforeAll(async () => {
  // A dead worker's fetch slots stay leased (45 s) after it: room for two dead workers' (2 each) and the next one's.
  world = await startCrawlWorld([[/concurrency: 4/, 'concurrency: 6']]);
});
/** Workers this file started, ended in afterAll whatever happened to the test (a timeout skips its finally). */
const leftovers: BantinProcess[] = [];

afterAll(async () => {
  for (const p of leftovers) await p.kill();
  await world.close();
});

/** `bantin sources --json`'s row for the source, as an operator reads it. */
async function sourceRow(env: NodeJS.ProcessEnv): Promise<{ runningJob: string | null; lastRun: { status: string } | null }> {
  const r = await bantin(['sources', '--json'], env);
  expect(r.code, r.stderr).toBe(0);
  const rows = JSON.parse(r.stdout) as { id: string; runningJob: string | null; lastRun: { status: string } | null }[];
  return rows.find((row) => row.id === SOURCE) as { runningJob: string | null; lastRun: { status: string } | null };
}

it('a worker killed -9 with jobs in flight: its lock lapses, a new worker finishes the run, 0 articles lost, 0 stored twice', async () => {
  const env = world.env(PREFIX, {
    QUEUE_LOCK_MS: '1500',
    RUN_LOCK_TTL_MS: String(LEASE_TTL_MS),
    RUN_LOCK_RENEW_MS: String(LEASE_RENEW_MS),
    // Two jobs at a time: the held pages fill it, the rest wait in the queue for the next worker.
    WORKER_CONCURRENCY: '2',
  });
  world.site.reset();
  // Two articles in the middle of the run answer only once the doomed worker is dead; the others at once,
  // so the kill falls with articles stored before them, these two in flight and the rest still queued.
  const HELD = ['/bai-so-5.html', '/bai-so-6.html'];
  const hold = holdPages(world.site, HELD, { routeFiles: [] });
  const extra = addArticles(world.site, EXTRA, hold);
  const expected = [...ARTICLE_PATHS, ...extra].sort();

  const admin = world.redis.client();
  const writes = await countWrites(admin, world.redis.client(), PREFIX);
  const state = createCrawlStateStore({ redis: world.redis.client(), prefix: PREFIX });
  const queue = createCrawlQueue({ connection: world.redis.client(), prefix: keys(PREFIX).queuePrefix, clock: systemClock, log: silentLogger() });
  let doomed: BantinProcess | null = spawnBantin(['worker'], env);
  leftovers.push(doomed);
  let survivor: BantinProcess | null = null;
  try {
    await queue.enqueueRun({ sourceId: SOURCE, slot: null, trigger: 'manual', pages: null });
    // The doomed worker planned the run, stored what came before, and has both held articles in flight.
    await expect.poll(hold.inFlight, { timeout: 20_000, interval: 50 }).toBe(2);
    const running = await sourceRow(env);
    expect(running.runningJob, 'the run holds its lock while the worker lives').not.toBeNull();
    const storedAtKill = (await recordsByPath(admin, PREFIX)).size;

    const killedAt = Date.now();
    await doomed.kill();
    doomed = null;

    // Nobody renews the lease now: the last renewal set it to lapse within RUN_LOCK_TTL_MS of the kill, and it does, by itself.
    const lease = (await state.get(SOURCE)).lease;
    expect(lease?.expiresAt, 'the lease left by the dead worker').toBeTypeOf('number');
    expect((lease?.expiresAt as number) - killedAt, 'the dead worker\'s lease lapses within RUN_LOCK_TTL_MS of the kill').toBeLessThanOrEqual(LEASE_TTL_MS);
    await expect.poll(async () => (await state.get(SOURCE)).runningJob, { timeout: LEASE_TTL_MS + 2000, interval: 50 }).toBeNull();
    const lapsedMs = Date.now() - killedAt;
    expect((await sourceRow(env)).runningJob, '`bantin sources` no longer shows the source running').toBeNull();

    hold.release();
    const startedAt = Date.now();
    survivor = spawnBantin(['worker'], env);
    leftovers.push(survivor);
    await expect.poll(async () => (await state.get(SOURCE)).lastRun?.status, { timeout: 30_000, interval: 100 }).toBe('ok');
    const finishedMs = Date.now() - killedAt;

    const last = (await state.get(SOURCE)).lastRun;
    expect(last?.counts).toMatchObject({ new: expected.length, failed: 0 });

    // 0 lost: every article of the site is stored; 0 twice: one record per URL, each written once.
    const records = await recordsByPath(admin, PREFIX);
    expect([...records.keys()].sort()).toEqual(expected);
    for (const [p, recordKeys] of records) expect(recordKeys, `records holding ${p}`).toHaveLength(1);
    const counted = writes.counts();
    const twice = [...counted].filter(([, n]) => n !== 1);
    expect(twice, 'article records written more than once').toEqual([]);
    expect(counted.size).toBe(expected.length);
    expect(await admin.zcard(keys(PREFIX).index({ kind: 'all' }))).toBe(expected.length);
    // The kill really fell on jobs in flight: the held pages were asked for again by the new worker.
    for (const p of HELD) expect(fetchesOf(world.site, p), `fetches of ${p}`).toBeGreaterThanOrEqual(2);

    // No lock left behind, and the operator's view agrees.
    expect(await admin.get(keys(PREFIX).crawlLock(SOURCE))).toBeNull();
    const after = await sourceRow(env);
    expect(after).toMatchObject({ runningJob: null, lastRun: { status: 'ok' } });
    const table = await bantin(['sources'], env);
    expect(table.stdout.split('\n').find((l) => l.startsWith(`${SOURCE} `))).toMatch(/\bidle\b/);

    report('worker SIGKILL mid-crawl', {
      'articles on the site': expected.length,
      'stored when killed': storedAtKill,
      'in flight when killed': 2,
      'queued when killed': expected.length - storedAtKill - 2,
      'stored after recovery': records.size,
      'stored twice': twice.length,
      'lease lapsed after kill': `${lapsedMs} ms (RUN_LOCK_TTL_MS ${LEASE_TTL_MS}, RUN_LOCK_RENEW_MS ${LEASE_RENEW_MS})`,
      'kill to run finished ok': `${finishedMs} ms (new worker started ${startedAt - killedAt} ms after the kill, QUEUE_LOCK_MS 1500)`,
    });
  } finally {
    await doomed?.kill();
    if (survivor) {
      survivor.child.kill('SIGTERM');
      await survivor.exited;
    }
    await writes.close();
    await queue.close();
  }
}, 180_000);

it('two workers killed -9 one after the other, each with jobs in flight: a third finishes the run, 0 lost, 0 stored twice', async () => {
  const prefix = `${PREFIX}x2`;
  const env = world.env(prefix, { QUEUE_LOCK_MS: '1500', RUN_LOCK_TTL_MS: String(LEASE_TTL_MS), RUN_LOCK_RENEW_MS: String(LEASE_RENEW_MS), WORKER_CONCURRENCY: '2' });
  world.site.reset();
  // The first worker dies on articles 5 and 6, the second (which takes them over) on 9 and 10.
  const first = holdPages(world.site, ['/bai-so-5.html', '/bai-so-6.html'], { routeFiles: [] });
  const second = holdPages(world.site, ['/bai-so-9.html', '/bai-so-10.html'], { routeFiles: [] });
  const expected = [...ARTICLE_PATHS, ...addArticles(world.site, EXTRA, [first, second])].sort();

  const admin = world.redis.client();
  const writes = await countWrites(admin, world.redis.client(), prefix);
  const state = createCrawlStateStore({ redis: world.redis.client(), prefix });
  const queue = createCrawlQueue({ connection: world.redis.client(), prefix: keys(prefix).queuePrefix, clock: systemClock, log: silentLogger() });
  const stored: number[] = [];
  let last: BantinProcess | null = null;
  const startedAt = Date.now();
  try {
    await queue.enqueueRun({ sourceId: SOURCE, slot: null, trigger: 'manual', pages: null });
    for (const hold of [first, second]) {
      const doomed = spawnBantin(['worker'], env);
      leftovers.push(doomed);
      await expect.poll(hold.inFlight, { timeout: 30_000, interval: 50 }).toBe(2);
      stored.push((await recordsByPath(admin, prefix)).size);
      await doomed.kill();
      hold.release();
    }
    last = spawnBantin(['worker'], env);
    leftovers.push(last);
    await expect.poll(async () => (await state.get(SOURCE)).lastRun?.status, { timeout: 30_000, interval: 100 }).toBe('ok');

    expect((await state.get(SOURCE)).lastRun?.counts).toMatchObject({ new: expected.length, failed: 0 });
    const records = await recordsByPath(admin, prefix);
    expect([...records.keys()].sort()).toEqual(expected);
    for (const [p, recordKeys] of records) expect(recordKeys, `records holding ${p}`).toHaveLength(1);
    const twice = [...writes.counts()].filter(([, n]) => n !== 1);
    expect(twice, 'article records written more than once').toEqual([]);
    expect(writes.counts().size).toBe(expected.length);
    expect(await admin.get(keys(prefix).crawlLock(SOURCE)), 'no run lock left behind').toBeNull();
    expect((await state.get(SOURCE)).runningJob).toBeNull();
    report('two workers SIGKILLed in turn mid-crawl', {
      'articles on the site': expected.length,
      'stored at each kill': stored.join(', '),
      'stored at the end': records.size,
      'stored twice': twice.length,
      'first start to run finished ok': `${Date.now() - startedAt} ms`,
    });
  } finally {
    first.release();
    second.release();
    if (last) {
      last.child.kill('SIGTERM');
      await last.exited;
    }
    await writes.close();
    await queue.close();
  }
}, 180_000);
