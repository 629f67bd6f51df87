/**
 * The embedded Redis of `bantin start` (REDIS_URL unset: a redis-server
 * child under BANTIN_DATA_DIR, AOF on, on a unix socket) killed with
 * SIGKILL in the middle of a crawl, with article jobs in flight (their
 * pages held open), articles stored and a feed rendered. Nobody but
 * `bantin start` itself may bring it back. Then:
 *
 * - `bantin start` restarts its redis-server, and /readyz answers 200 again;
 * - nothing stored before the kill is lost (the AOF brings it back);
 * - 20 readers polling the feed rendered before the kill get it, from the
 *   kill until well after Redis is back, at a p99 within 50 ms or three
 *   times their p99 with Redis up in the same run (a timed bound on two
 *   shared cores must be a ratio): the same bytes and ETag, and 304s for
 *   If-None-Match;
 * - the run then finishes: every article of the site stored, each record
 *   written once, no lock left behind;
 * - SIGTERM stops `bantin start` and its redis-server with it.
 *
 * Figures (kill to recovery, p99 during the outage, articles before and
 * after) are printed with the test output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, rm, mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createCrawlQueue } from '../../src/queue/index.js';
import { freePort } from '../../src/redis/server.js';
import { createCrawlStateStore, keys } from '../../src/store/index.js';
import { configFor, ROOT, type ConfigCopy } from '../support/config-copy.js';
import { ARTICLE_PATHS } from '../support/crawl-world.js';
import { addArticles, countWrites, holdPages, percentile, recordsByPath, report, spawnBantin, type BantinProcess } from '../support/fault-kit.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';

const PREFIX = 'emb';
const SOURCE = 'kinhtedothi';
const EXTRA = 10;
const HELD = ['/bai-so-5.html', '/bai-so-6.html'];
const FEED = '/sources/kinhtedothi.rss';
const CLIENTS = 20;
/** How long `bantin start` gets to bring its Redis back (its supervisor backs off from 250 ms). */
const RECOVERY_DEADLINE_MS = 20_000;
/** Readers go on this long after Redis answers again: reconnecting is part of the outage a reader sees. */
const AFTER_RECOVERY_MS = 2000;
const SHUTDOWN_TIMEOUT_MS = 5000;
const BASELINE_MS = 1000;

let site: FixtureSite;
let config: ConfigCopy;
let dataDir: string;
let socket: string;

beforeAll(async () => {
  site = await startFixtureSite(path.join(ROOT, 'tests/fixtures/site'));
  config = await configFor(site.origin, [
    [/concurrency: \d+/, 'concurrency: 4'],
    // The scheduler of `bantin start` must not fire a run of its own during the test.
    [/cron: "[^"]*"/, 'cron: "0 3 1 1 *"'],
  ]);
  // The sister sites point at the real network: out of a hermetic test (and out of the scheduler's reach).
  await rm(path.join(config.configDir, 'sources/phapluatxahoi.yaml'));
  await rm(path.join(config.configDir, 'sources/thitruongtaichinh.yaml'));
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'bantin-emb-'));
  socket = path.join(dataDir, 'redis', 'redis.sock');
});
/** Processes this file started, ended in afterAll whatever happened to the test (a timeout skips its finally). */
const leftovers: { kill(): Promise<void> | void }[] = [];

afterAll(async () => {
  for (const p of leftovers) await p.kill();
  // Whatever this test's bantin start left on its data directory goes with it.
  for (const s of await redisServersOnSocket()) process.kill(s.pid, 'SIGKILL');
  await site.close();
  await config.remove();
  await rm(dataDir, { recursive: true, force: true });
});

/** The redis-servers serving this test's data directory (started by `bantin start`, nobody else's), from /proc. */
async function redisServersOnSocket(): Promise<{ pid: number; ppid: number }[]> {
  const found: { pid: number; ppid: number }[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // redis-server retitles itself `redis-server unixsocket:PATH`; its arguments before it does.
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      if (!cmdline.includes('redis-server') || !cmdline.includes(socket)) continue;
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      found.push({ pid: Number(entry), ppid });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** The pid of the redis-server answering on the socket (INFO server), or null when none answers. */
function answeringPid(): Promise<number | null> {
  return new Promise((resolve) => {
    const s = net.connect(socket);
    let data = '';
    const done = (pid: number | null): void => {
      s.destroy();
      resolve(pid);
    };
    s.setTimeout(200, () => done(null));
    s.once('connect', () => s.write('*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n'));
    s.on('data', (d) => {
      data += d.toString();
      const m = /process_id:(\d+)/.exec(data);
      if (m) done(Number(m[1]));
      else if (data.startsWith('-')) done(null);
    });
    s.once('error', () => done(null));
  });
}

/** Epoch ms with sub-ms precision, comparable with the readers process's. */
const epochNow = (): number => performance.timeOrigin + performance.now();

interface Readers {
  child: ChildProcess;
  /** Resolves once the readers have their first read (and its ETag) and start polling. */
  ready: Promise<void>;
  stop(): Promise<{ etag: string | null; reads: Read[] }>;
}

/** CLIENTS feed readers in a process of their own (tests/support/feed-readers.mjs), polling `url` until stopped. */
function startReaders(url: string): Readers {
  const child = spawn(process.execPath, [path.join(ROOT, 'tests/support/feed-readers.mjs'), url, String(CLIENTS)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('ready ')) resolve();
    });
    child.once('exit', () => reject(new Error(`feed readers exited before reading: ${err}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    ready,
    async stop() {
      child.stdin?.end();
      await exited;
      return JSON.parse(out) as { etag: string | null; reads: Read[] };
    },
  };
}

interface Read {
  startedAt: number;
  ms: number;
  status: number;
  etag: string | null;
  body: string;
}

it('the embedded Redis killed -9 mid-crawl: restarted by bantin start, nothing lost, the feed answered from memory throughout, p99 within 50 ms or 3 × the Redis-up p99', async () => {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BANTIN_DATA_DIR: dataDir,
    BANTIN_CONFIG: config.configDir,
    BANTIN_FEEDS: config.feedsDir,
    BANTIN_REDIS_PREFIX: PREFIX,
    BANTIN_ALLOW_PRIVATE_NETWORKS: '1',
    PORT: String(port),
    HOST: '127.0.0.1',
    WORKER_CONCURRENCY: '2',
    RUN_LOCK_TTL_MS: '3000',
    RUN_LOCK_RENEW_MS: '500',
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    LOG_LEVEL: 'info',
  };
  delete env.REDIS_URL;
  const hold = holdPages(site, HELD, { routeFiles: [] });
  const expected = [...ARTICLE_PATHS, ...addArticles(site, EXTRA, hold)].sort();

  const get = async (p: string, headers: Record<string, string> = {}): Promise<Read> => {
    const startedAt = epochNow();
    const res = await fetch(`${origin}${p}`, { headers });
    const body = await res.text();
    return { startedAt, ms: epochNow() - startedAt, status: res.status, etag: res.headers.get('etag'), body };
  };
  const status = (p: string): Promise<number> =>
    fetch(`${origin}${p}`).then(
      (r) => r.status,
      () => 0,
    );

  let start: BantinProcess | null = spawnBantin(['start'], env);
  leftovers.push(start);
  const clients: Redis[] = [];
  const client = (): Redis => {
    const c = new Redis({ path: socket, maxRetriesPerRequest: null });
    c.on('error', () => undefined);
    clients.push(c);
    return c;
  };
  let readers: Readers | null = null;
  let reportNow: () => void = () => undefined;
  const figures: Record<string, string | number> = {};
  try {
    await expect.poll(() => status('/readyz'), { timeout: 30_000, interval: 100 }).toBe(200);
    const [first] = await redisServersOnSocket();
    expect(first?.ppid, 'the embedded redis-server is a child of bantin start').toBe(start.child.pid);

    const admin = client();
    const writes = await countWrites(admin, client(), PREFIX);
    const state = createCrawlStateStore({ redis: client(), prefix: PREFIX });
    const queue = createCrawlQueue({ connection: client(), prefix: keys(PREFIX).queuePrefix, clock: systemClock, log: silentLogger() });
    try {
      await queue.enqueueRun({ sourceId: SOURCE, slot: null, trigger: 'manual', pages: null });
      // Both of the worker's job slots wait on held pages: nothing more is stored until they answer.
      await expect.poll(hold.inFlight, { timeout: 20_000, interval: 50 }).toBe(2);
      const storedBefore = await recordsByPath(admin, PREFIX);
      expect(storedBefore.size, 'articles stored before the kill').toBeGreaterThan(0);

      // The feed as readers have it: rendered, cached, and no longer changing.
      let before = await get(FEED);
      await expect
        .poll(
          async () => {
            const again = await get(FEED);
            const same = again.etag === before.etag;
            before = again;
            return same;
          },
          { timeout: 10_000, interval: 250 },
        )
        .toBe(true);
      expect(before.status).toBe(200);

      // 20 readers in a process of their own, every other poll conditional, from before the kill until told to stop.
      readers = startReaders(`${origin}${FEED}`);
      const readersChild = readers.child;
      leftovers.push({ kill: () => void readersChild.kill('SIGKILL') });
      await readers.ready;

      // A second of reads with Redis up: the baseline the outage is compared with.
      const baselineFrom = epochNow();
      await new Promise((resolve) => setTimeout(resolve, BASELINE_MS));

      const victim = first?.pid as number;
      const killedAt = epochNow();
      process.kill(victim, 'SIGKILL');

      // Only bantin start may bring it back: another redis-server answering on the socket.
      let recoveredAt: number | null = null;
      const deadline = killedAt + RECOVERY_DEADLINE_MS;
      while (epochNow() < deadline) {
        const pid = await answeringPid();
        if (pid !== null && pid !== victim) {
          recoveredAt = epochNow();
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      let readyAt: number | null = null;
      if (recoveredAt !== null) {
        while (epochNow() < recoveredAt + RECOVERY_DEADLINE_MS) {
          if ((await status('/readyz')) === 200) {
            readyAt = epochNow();
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        // Readers go on past the recovery, through the reconnects.
        const until = Math.max(readyAt ?? recoveredAt, recoveredAt) + AFTER_RECOVERY_MS;
        while (epochNow() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const { etag: readersEtag, reads } = await readers.stop();
      const restarted = (await redisServersOnSocket()).filter((s) => s.pid !== victim);
      const outageEnd = recoveredAt ?? deadline;
      const baseline = reads.filter((r) => r.startedAt >= baselineFrom && r.startedAt < killedAt);
      const during = reads.filter((r) => r.startedAt >= killedAt && r.startedAt < outageEnd);
      const throughout = reads.filter((r) => r.startedAt >= killedAt);
      const p99During = during.length > 0 ? percentile(during.map((r) => r.ms), 0.99) : NaN;
      const p99Throughout = percentile(throughout.map((r) => r.ms), 0.99);
      const statuses = Object.fromEntries([...new Set(throughout.map((r) => r.status))].map((s) => [s, throughout.filter((r) => r.status === s).length]));
      Object.assign(figures, {
        'feed': `${FEED}, ${Buffer.byteLength(before.body)} bytes`,
        'feed reads before the kill (Redis up)': `${baseline.length} by ${CLIENTS} clients, p50 ${percentile(baseline.map((r) => r.ms), 0.5).toFixed(1)} ms, p99 ${percentile(baseline.map((r) => r.ms), 0.99).toFixed(1)} ms`,
        'kill to redis answering again': recoveredAt === null ? `not within ${RECOVERY_DEADLINE_MS} ms` : `${Math.round(recoveredAt - killedAt)} ms`,
        'kill to /readyz 200': readyAt === null ? 'not seen' : `${Math.round(readyAt - killedAt)} ms`,
        'feed reads during the outage': `${during.length} by ${CLIENTS} clients, p50 ${percentile(during.map((r) => r.ms), 0.5).toFixed(1)} ms, p99 ${p99During.toFixed(1)} ms, max ${Math.max(...during.map((r) => r.ms)).toFixed(1)} ms`,
        'feed reads kill to recovery + 2 s': `${throughout.length}, p99 ${p99Throughout.toFixed(1)} ms, statuses ${JSON.stringify(statuses)}`,
        'articles stored before the kill': storedBefore.size,
      });
      // Where the slow reads fall, for whoever chases them: p99 per 500 ms from the kill.
      const buckets = new Map<number, number[]>();
      for (const r of throughout) buckets.set(Math.floor((r.startedAt - killedAt) / 500), [...(buckets.get(Math.floor((r.startedAt - killedAt) / 500)) ?? []), r.ms]);
      figures['p99 per 500 ms from the kill'] = [...buckets].sort(([a], [b]) => a - b).map(([b, ms]) => `${b * 500}:${percentile(ms, 0.99).toFixed(0)}`).join(' ');

      let printed = false;
      reportNow = (): void => {
        if (!printed) report('embedded Redis SIGKILL mid-crawl (bantin start)', figures);
        printed = true;
      };
      expect(recoveredAt, `bantin start restarted its redis-server within ${RECOVERY_DEADLINE_MS} ms of the kill`).not.toBeNull();
      expect(restarted.map((s) => s.ppid), 'the new redis-server is a child of bantin start').toEqual([start.child.pid]);
      expect(readyAt, '/readyz answers 200 again once Redis is back').not.toBeNull();
      // And says so in its log: the dead server (a warning naming its pid) and the new one (naming its).
      const said = (pid: number | undefined, level: number): boolean => start?.logs.some((l) => l.pid === pid && (l.level as number) >= level) ?? false;
      expect(said(victim, 40), `a warning naming the killed redis-server (pid ${victim}) in bantin start's log`).toBe(true);
      expect(said(restarted[0]?.pid, 30), "a line naming the restarted redis-server in bantin start's log").toBe(true);

      // What a reader sees, throughout: the feed as it was, fast, 304s included. Soft, so that a slow
      // outage still lets the test say what became of the articles and of the shutdown.
      expect.soft(during.length, 'reads made during the outage').toBeGreaterThan(0);
      expect.soft(statuses, 'every read a 200 or a 304').toEqual({ 200: expect.any(Number), 304: expect.any(Number) });
      const bodyBefore = baseline.find((r) => r.status === 200)?.body;
      expect.soft(bodyBefore, 'a full read before the kill').toBeDefined();
      expect.soft(new Set(throughout.filter((r) => r.status === 200).map((r) => r.body)), 'the same bytes as before the kill').toEqual(new Set([bodyBefore]));
      expect.soft(new Set(throughout.map((r) => r.etag)), 'the same ETag as before the kill').toEqual(new Set([readersEtag]));
      // 50 ms, or three times the p99 of the same readers with Redis up in this run where that is more: on
      // two shared cores the healthy p99 itself comes near 50 ms (45.8 ms in one CI run), and a timed bound
      // must be a ratio to a baseline taken in the same run. The outage must not make reads slow; the
      // machine may.
      const baselineP99 = percentile(baseline.map((r) => r.ms), 0.99);
      const bound = Math.max(50, 3 * baselineP99);
      figures['latency bound'] = `${bound.toFixed(1)} ms (max of 50 ms and 3 × the Redis-up p99)`;
      expect.soft(p99During, `p99 of the ${during.length} reads made while Redis was down`).toBeLessThan(bound);
      expect.soft(p99Throughout, `p99 of ${throughout.length} reads from the kill to 2 s after recovery`).toBeLessThan(bound);

      // Nothing stored before the kill is lost: the AOF brings it back.
      const storedAfter = await recordsByPath(admin, PREFIX);
      figures['articles after the restart'] = storedAfter.size;
      expect([...storedAfter.keys()].sort(), 'articles after the restart (AOF)').toEqual([...storedBefore.keys()].sort());

      // The run goes on: the held pages answer, and it finishes with every article stored once.
      await admin.config('SET', 'notify-keyspace-events', 'K$');
      hold.release();
      await expect.poll(async () => (await state.get(SOURCE)).lastRun?.status, { timeout: 60_000, interval: 200 }).toBe('ok');
      figures['kill to run finished ok'] = `${Math.round(epochNow() - killedAt)} ms`;
      const records = await recordsByPath(admin, PREFIX);
      figures['articles at the end of the run'] = `${records.size} of ${expected.length}`;
      expect([...records.keys()].sort()).toEqual(expected);
      for (const [p, recordKeys] of records) expect(recordKeys, `records holding ${p}`).toHaveLength(1);
      expect([...writes.counts()].filter(([, n]) => n !== 1), 'article records written more than once').toEqual([]);
      expect((await state.get(SOURCE)).lastRun?.counts).toMatchObject({ new: expected.length, failed: 0 });
      expect(await admin.get(keys(PREFIX).crawlLock(SOURCE)), 'no run lock left behind').toBeNull();
      expect(await status('/healthz')).toBe(200);
    } finally {
      await writes.close();
      await queue.close();
    }

    // SIGTERM: bantin start stops, and its redis-server with it.
    const termAt = epochNow();
    start.child.kill('SIGTERM');
    const stopped = await Promise.race([start.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), SHUTDOWN_TIMEOUT_MS + 5000))]);
    figures['SIGTERM to bantin start exited'] = stopped ? `${Math.round(epochNow() - termAt)} ms (SHUTDOWN_TIMEOUT_MS ${SHUTDOWN_TIMEOUT_MS})` : 'still running';
    expect(stopped, 'bantin start exits on SIGTERM').toBe(true);
    start = null;
    await expect.poll(redisServersOnSocket, { timeout: 5000, interval: 100 }).toEqual([]);
  } finally {
    reportNow();
    readers?.child.kill('SIGKILL');
    hold.release();
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
    if (start) await start.kill();
  }
}, 180_000);
