/**
 * `bantin serve`, a process of its own, while its Redis is away, as an
 * operator meets it: a real
 * redis-server killed with SIGKILL (then restarted, empty, since tests keep
 * no AOF) or frozen with SIGSTOP (then continued). Throughout the outage a
 * feed rendered before answers 20 parallel readers in under 50 ms at p99
 * (or, on a machine too loaded for that even with Redis up, within three
 * times its healthy p99: see judge), with the same bytes and ETag and a 304
 * for If-None-Match; a feed never
 * rendered answers 503 problem+json with Retry-After within 1 s; once Redis
 * is back, a change made there shows in the feed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/log.js';
import { connectRedis } from '../../src/redis/connect.js';
import { freePort } from '../../src/redis/server.js';
import { createRedisStore, type ArticleStore } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { ROOT } from '../support/config-copy.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const PREFIX = 'outage';
const CACHED = '/topics/ha-noi.rss';
const UNCACHED = '/sources/kinhtedothi.atom';
const CLIENTS = 20;
const ROUNDS = 25;

let redis: TestRedis;
let serve: ChildProcess;
let origin: string;
let writer: Redis;
let store: ArticleStore;
/** Readers keep their connections, as feed readers polling a server do. */
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => {
  agent.destroy();
  await redis.stop();
});
beforeEach(async () => {
  await redis.flush();
  // The test's own writer, as a worker would be: it waits for Redis to be back.
  writer = connectRedis(redis.url, 'queue', silentLogger());
  store = createRedisStore({ redis: writer, prefix: PREFIX, log: silentLogger() });
  for (let n = 1; n <= 10; n++) await store.upsert(makeArticle(n));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // `bantin serve` as an operator runs it: its own process, so the readers here do not share its CPU time.
  serve = spawn(process.execPath, [path.join(ROOT, 'bin/bantin.js'), 'serve'], {
    cwd: ROOT,
    stdio: 'ignore',
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      BANTIN_CONFIG: path.join(ROOT, 'config'),
      BANTIN_FEEDS: path.join(ROOT, 'feeds'),
      BANTIN_REDIS_PREFIX: PREFIX,
      BANTIN_PUBLIC_URL: 'https://bantin.example',
      LOG_LEVEL: 'silent',
      PORT: String(port),
      HOST: '127.0.0.1',
    },
  });
  await expect.poll(async () => (await get('/readyz').catch(() => null))?.status, { timeout: 20_000, interval: 100 }).toBe(200);
});
afterEach(async () => {
  const exited = new Promise((resolve) => serve.once('exit', resolve));
  if (serve.exitCode === null && serve.signalCode === null) serve.kill('SIGTERM');
  const timer = setTimeout(() => serve.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  writer.disconnect();
});

interface Answer {
  ms: number;
  status: number;
  etag: string | undefined;
  retryAfter: string | undefined;
  type: string | undefined;
  body: Buffer;
}

/** One GET as a feed reader sends it (compressed, kept alive); a read that hangs fails the test on its own. */
function get(p: string, headers: Record<string, string> = {}): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(`${origin}${p}`, { agent, headers: { 'accept-encoding': 'br, gzip', ...headers }, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          ms: performance.now() - t0,
          status: res.statusCode ?? 0,
          etag: res.headers.etag,
          retryAfter: res.headers['retry-after'],
          type: res.headers['content-type'],
          body: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${p} took over 5 s`)));
    req.on('error', reject);
  });
}

const p99 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.99) - 1] as number;

/** CLIENTS readers polling CACHED ROUNDS times each, every other poll conditional. */
async function readers(etag: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; i < ROUNDS; i++) answers.push(await get(CACHED, (i + c) % 2 === 0 ? { 'if-none-match': etag } : {}));
    }),
  );
  return answers;
}

/** p99 of as many healthy reads (Redis up) as an outage's, after a warm-up round (connections open, code compiled). */
async function healthyP99(etag: string): Promise<number> {
  await readers(etag);
  return p99([...(await readers(etag)), ...(await readers(etag))].map((a) => a.ms));
}

interface Outage {
  p99: number;
  reads: number;
  unavailableMs: number;
}

/** What a reader must see while Redis is away: the last render, 304s included; 503 fast for the rest. Latency is judged after. */
async function duringOutage(before: Answer): Promise<Outage> {
  const answers = await readers(before.etag ?? '');
  const uncached = await get(UNCACHED);
  answers.push(...(await readers(before.etag ?? '')));

  const full = answers.filter((a) => a.status === 200);
  const notModified = answers.filter((a) => a.status === 304);
  expect(full.length + notModified.length).toBe(answers.length);
  expect(notModified.length).toBe(answers.length / 2);
  expect(full.every((a) => a.body.equals(before.body))).toBe(true);
  expect(new Set(answers.map((a) => a.etag))).toEqual(new Set([before.etag]));

  expect(uncached.status).toBe(503);
  expect(uncached.ms).toBeLessThan(1000);
  expect(uncached.retryAfter).toBe('10');
  expect(uncached.type).toBe('application/problem+json; charset=utf-8');
  return { p99: p99(answers.map((a) => a.ms)), reads: answers.length, unavailableMs: uncached.ms };
}

async function changeShows(): Promise<Answer> {
  await store.upsert(makeArticle(99, { title: 'Bài sau sự cố về Hà Nội' }));
  await expect
    .poll(async () => (await get(CACHED, { 'accept-encoding': 'identity' })).body.toString(), { timeout: 10_000, interval: 100 })
    .toContain('Bài sau sự cố về Hà Nội');
  return get(CACHED);
}

/**
 * The outage's p99 is held to 50 ms, unless this (shared, loaded) machine
 * cannot answer the same reads that fast with Redis up either, before the
 * outage or after it; then to three times the slower of those, measured in
 * the same run. Before the change each read of the outage took seconds,
 * waiting out ioredis' retries.
 */
function judge(what: string, outage: Outage, healthy: number[]): void {
  const baseline = Math.max(...healthy);
  const bound = Math.max(50, 3 * baseline);
  console.error(
    `${what}: p99 ${outage.p99.toFixed(1)} ms over ${outage.reads} reads by ${CLIENTS} clients (Redis up: ${healthy.map((h) => h.toFixed(1)).join(' / ')} ms before / after); uncached 503 in ${outage.unavailableMs.toFixed(0)} ms`,
  );
  expect(outage.p99, `p99 of ${outage.reads} reads by ${CLIENTS} clients (bound ${bound.toFixed(0)} ms)`).toBeLessThan(bound);
}

describe('serving while Redis is away', () => {
  it('Redis killed (-9): cached feeds from memory within 50 ms at p99, 503 within 1 s, revalidated once it is back', async () => {
    const before = await get(CACHED);
    expect(before.status).toBe(200);
    const healthyBefore = await healthyP99(before.etag ?? '');
    process.kill(redis.server.pid, 'SIGKILL');
    const measured: { outcome: Outage | Error } = { outcome: new Error('the outage was not measured') };
    await redis.restart(async () => {
      // Caught here so that Redis comes back for the next test whatever happened.
      measured.outcome = await duringOutage(before).catch((error: Error) => error);
    });
    if (measured.outcome instanceof Error) throw measured.outcome;
    const after = await changeShows();
    judge('SIGKILL', measured.outcome, [healthyBefore, await healthyP99(after.etag ?? '')]);
  }, 60_000);

  it('Redis frozen (SIGSTOP): the same, and the 503 comes from a command timeout, not a hang', async () => {
    const before = await get(CACHED);
    expect(before.status).toBe(200);
    const healthyBefore = await healthyP99(before.etag ?? '');
    process.kill(redis.server.pid, 'SIGSTOP');
    let outcome: Outage;
    try {
      outcome = await duringOutage(before);
    } finally {
      process.kill(redis.server.pid, 'SIGCONT');
    }
    const after = await changeShows();
    judge('SIGSTOP', outcome, [healthyBefore, await healthyP99(after.etag ?? '')]);
  }, 60_000);
});
