/**
 * The run lock as operators meet it: a run in progress renews its lease
 * (the times come from a ManualClock), so it cannot be cleared by hand
 * without --force / ?force=true (409, exit 2); `bantin crawl --once` killed
 * with SIGKILL leaves a lock that lapses within RUN_LOCK_TTL_MS, after which
 * `bantin sources` no longer says "running" and the next run goes ahead;
 * the lease settings are validated like every other setting.
 */
import { spawn } from 'node:child_process';
import type http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, readSettings, type SourceConfig } from '../../src/config/index.js';
import { ManualClock, systemClock } from '../../src/core/clock.js';
import { ConfigError } from '../../src/core/errors.js';
import { createLogger, silentLogger } from '../../src/core/log.js';
import { createFetcher, type Fetcher } from '../../src/fetch/index.js';
import { createOpsApi, createOpsService } from '../../src/ops/index.js';
import { createCrawlQueue } from '../../src/queue/index.js';
import { runSource } from '../../src/roles/crawl-runner.js';
import { createCrawlStateStore, createProfileDriftStore, createRedisStore, keys } from '../../src/store/index.js';
import { bantin } from '../support/cli.js';
import { ROOT } from '../support/config-copy.js';
import { startCrawlWorld, type CrawlWorld } from '../support/crawl-world.js';

const PREFIX = 'lease';
const TOKEN = 'lease-token';
const FEED = '/rss/home.rss';
let world: CrawlWorld;
let source: SourceConfig;
let fetcher: Fetcher;

beforeAll(async () => {
  world = await startCrawlWorld();
  const loaded = await loadConfig({ configDir: world.config.configDir, feedsDir: world.config.feedsDir });
  source = loaded.sources.find((s) => s.id === 'kinhtedothi') as SourceConfig;
  fetcher = createFetcher({
    redis: world.redis.client(),
    prefix: PREFIX,
    clock: systemClock,
    log: silentLogger(),
    userAgent: 'bantin-test',
    allowPrivateNetworks: true,
    politeness: () => ({ minIntervalMs: 0, concurrency: 4 }),
    timeouts: { connectMs: 5_000, totalMs: 30_000 },
    retries: 0,
    maxWaitMs: 1_000,
    sleep: async () => undefined,
  });
});
afterAll(async () => {
  await fetcher.close();
  await world.close();
});
beforeEach(async () => {
  world.site.reset();
  await world.redis.flush();
});

/** The feed answers only once released, so a run is caught planning. */
function holdFeed(): { asked: () => boolean; release: () => void } {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let asked = false;
  world.site.route(FEED, async (_req: http.IncomingMessage, res: http.ServerResponse) => {
    asked = true;
    await released;
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(await world.site.file('rss/home.rss'));
  });
  return { asked: () => asked, release: () => release() };
}

const cliEnv = (): NodeJS.ProcessEnv => world.env(PREFIX);

describe('a run in progress', () => {
  it('renews its lease, cannot be unlocked without force, and stops renewing a lease cleared by force', async () => {
    const clock = new ManualClock(Date.parse('2026-11-24T08:00:00+07:00'));
    const client = world.redis.client();
    const crawlState = createCrawlStateStore({ redis: client, prefix: PREFIX, clock });
    const store = createRedisStore({ redis: client, prefix: PREFIX, log: silentLogger() });
    const queue = createCrawlQueue({ connection: world.redis.client(), prefix: keys(PREFIX).queuePrefix, clock, log: silentLogger() });
    const ops = createOpsService({ sources: [source], crawlState, drift: createProfileDriftStore({ redis: client, prefix: PREFIX }), store, queue, clock });
    const api = createOpsApi({ ops, token: TOKEN, log: silentLogger() });
    const post = (p: string): Promise<Response> => Promise.resolve(api.request(p, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } }));
    const lines: Record<string, unknown>[] = [];
    const log = createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
    const feed = holdFeed();
    const started = clock.now();
    // Renewed every 20 ms here, so the test sees renewals without waiting 15 s; the lease times are the ManualClock's.
    const run = runSource(source, 'live-run', { fetcher, store, clock, log, crawlState, lease: { ttlMs: 60_000, renewMs: 20 } });
    try {
      await expect.poll(feed.asked, { timeout: 10_000, interval: 20 }).toBe(true);
      clock.advance(45_000);
      await expect.poll(async () => (await crawlState.get(source.id)).lease?.renewedAt, { timeout: 5_000, interval: 20 }).toBe(started + 45_000);
      // Past the first lease's TTL, the live run still holds the source.
      clock.advance(30_000);
      await expect.poll(async () => (await crawlState.get(source.id)).lease?.renewedAt, { timeout: 5_000, interval: 20 }).toBe(started + 75_000);
      expect((await ops.source(source.id)).runningJob).toBe('live-run');
      expect((await ops.source(source.id)).lock).toMatchObject({ jobId: 'live-run', startedAt: new Date(started).toISOString() });

      const refused = await post(`/sources/${source.id}/unlock`);
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(((await refused.json()) as { detail: string }).detail).toMatch(/held by live-run, renewed \d+ s ago: its run is still going; \?force=true clears it anyway/);
      expect((await post(`/sources/${source.id}/unlock?force=maybe`)).status).toBe(400);
      expect((await ops.source(source.id)).runningJob).toBe('live-run');

      const forced = await post(`/sources/${source.id}/unlock?force=true`);
      expect(forced.status).toBe(200);
      expect(((await forced.json()) as { cleared: { jobId: string } }).cleared.jobId).toBe('live-run');
      // The run notices at its next renewal, says so once, and does not take the lock back.
      await expect.poll(() => lines.filter((l) => String(l.msg).startsWith('run lock lost')).length, { timeout: 5_000, interval: 20 }).toBe(1);
      expect((await crawlState.get(source.id)).runningJob).toBeNull();
    } finally {
      feed.release();
      await run;
      await queue.close();
    }
    expect((await crawlState.get(source.id)).lastRun?.status).toBe('ok');
    expect((await crawlState.get(source.id)).runningJob).toBeNull();
  }, 30_000);
});

describe('bantin unlock', () => {
  const lease = { ttlMs: 60_000, renewMs: 15_000 };

  it('refuses a lock whose holder renewed it just now (exit 2, one line), and clears it with --force', async () => {
    const state = createCrawlStateStore({ redis: world.redis.client(), prefix: PREFIX });
    await state.lockRun('kinhtedothi', 'live-run', lease);
    const refused = await bantin(['unlock', 'kinhtedothi'], cliEnv());
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toMatch(/^bantin unlock: kinhtedothi's run lock is held by live-run, renewed \d+ s ago: its run is still going; --force clears it anyway$/);
    expect((await state.get('kinhtedothi')).runningJob).toBe('live-run');

    const forced = await bantin(['unlock', 'kinhtedothi', '--force'], cliEnv());
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^kinhtedothi: cleared the run lock of live-run \(started \S+Z, last renewed \S+Z\)\n$/);
    expect((await state.get('kinhtedothi')).runningJob).toBeNull();
  }, 30_000);

  it('clears without --force a lock whose holder stopped renewing, and says when there is none', async () => {
    const past = new ManualClock(Date.now() - 30_000);
    await createCrawlStateStore({ redis: world.redis.client(), prefix: PREFIX, clock: past }).lockRun('kinhtedothi', 'dead-run', lease);
    const cleared = await bantin(['unlock', 'kinhtedothi', '--json'], cliEnv());
    expect(cleared.code).toBe(0);
    const body = JSON.parse(cleared.stdout) as { cleared: { jobId: string }; source: { runningJob: string | null } };
    expect(body.cleared.jobId).toBe('dead-run');
    expect(body.source.runningJob).toBeNull();

    const none = await bantin(['unlock', 'kinhtedothi'], cliEnv());
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('kinhtedothi: no run lock to clear\n');
    expect((await bantin(['unlock'], cliEnv())).code).toBe(2);
    expect((await bantin(['unlock', 'nowhere'], cliEnv())).code).toBe(1);
  }, 30_000);
});

describe('bantin crawl --once killed with SIGKILL', () => {
  it('leaves a lock that lapses within RUN_LOCK_TTL_MS, after which the source is idle and runs again', async () => {
    const feed = holdFeed();
    const env = { ...world.env(PREFIX, { RUN_LOCK_TTL_MS: '2000', RUN_LOCK_RENEW_MS: '500' }) };
    const state = createCrawlStateStore({ redis: world.redis.client(), prefix: PREFIX });
    const doomed = spawn(process.execPath, [path.join(ROOT, 'bin/bantin.js'), 'crawl', '--once', '--source', 'kinhtedothi'], { cwd: ROOT, env, stdio: 'ignore' });
    try {
      await expect.poll(feed.asked, { timeout: 20_000, interval: 50 }).toBe(true);
      expect((await state.get('kinhtedothi')).runningJob).toMatch(/^cli-/);
      doomed.kill('SIGKILL');
      await new Promise((resolve) => doomed.once('exit', resolve));
      const killedAt = Date.now();
      expect((await state.get('kinhtedothi')).runningJob).toMatch(/^cli-/);

      await expect.poll(async () => (await state.get('kinhtedothi')).runningJob, { timeout: 5_000, interval: 50 }).toBeNull();
      // Within the TTL of the last renewal, which was at most a renewal interval before the kill.
      expect(Date.now() - killedAt).toBeLessThan(2_000 + 1_000);
      const idle = (await bantin(['sources'], env)).stdout.split('\n').find((l) => l.startsWith('kinhtedothi '));
      expect(idle).toMatch(/\s+idle\s+/);
    } finally {
      if (doomed.exitCode === null) doomed.kill('SIGKILL');
      feed.release();
    }
    const next = await bantin(['crawl', '--once', '--source', 'kinhtedothi'], env);
    expect(next.stdout).not.toMatch(/skipped, a run is already going/);
    expect(next.code).toBe(0);
  }, 60_000);
});

describe('the lease settings', () => {
  it('default to a 60 s lease renewed every 15 s', () => {
    const s = readSettings({});
    expect([s.RUN_LOCK_TTL_MS, s.RUN_LOCK_RENEW_MS]).toEqual([60_000, 15_000]);
  });

  it.each([
    [{ RUN_LOCK_TTL_MS: '10000', RUN_LOCK_RENEW_MS: '6000' }, /RUN_LOCK_TTL_MS: must be at least twice RUN_LOCK_RENEW_MS/],
    [{ RUN_LOCK_TTL_MS: 'soon' }, /RUN_LOCK_TTL_MS/],
    [{ RUN_LOCK_TTL_MS: '500' }, /RUN_LOCK_TTL_MS/],
    [{ RUN_LOCK_RENEW_MS: '10' }, /RUN_LOCK_RENEW_MS/],
  ])('refuse %j', (env, message) => {
    expect(() => readSettings(env)).toThrow(ConfigError);
    expect(() => readSettings(env)).toThrow(message);
  });

  it('refuse a bad value from the CLI with the usual line and exit 2', async () => {
    const r = await bantin(['sources'], { ...cliEnv(), RUN_LOCK_RENEW_MS: '40000' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bantin: invalid environment: RUN_LOCK_TTL_MS: must be at least twice RUN_LOCK_RENEW_MS/);
  }, 20_000);
});
