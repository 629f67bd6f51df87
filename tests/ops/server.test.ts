/**
 * The server role with the ops surface mounted: off (404) without a token,
 * guarded with one, Bull Board behind the same guard, /metrics open or
 * guarded to match, /readyz checking Redis and the queue. The CLI is run
 * as a child process against the same Redis.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../src/roles/context.js';
import { startServer, type ServerRole } from '../../src/roles/server.js';
import { ROOT } from '../support/config-copy.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { testContext } from '../support/context.js';

const run = promisify(execFile);
const TOKEN = 'server-test-token';
let redis: TestRedis;

const env = (extra: Record<string, string> = {}): Record<string, string> => ({
  ...redis.env,
  BANTIN_CONFIG: path.join(ROOT, 'config'),
  BANTIN_FEEDS: path.join(ROOT, 'feeds'),
  BANTIN_REDIS_PREFIX: 'srv',
  LOG_LEVEL: 'silent',
  PORT: '0',
  HOST: '127.0.0.1',
  ...extra,
});

async function startWith(extra: Record<string, string>): Promise<{ ctx: Context; server: ServerRole; stop(): Promise<void> }> {
  const ctx = await testContext(env(extra));
  const server = await startServer(ctx);
  return {
    ctx,
    server,
    async stop() {
      await server.stop(1000);
      await ctx.close();
    },
  };
}

async function bantin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bin/bantin.js'), ...args], { env: { ...process.env, ...env() }, cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis.stop());

describe('without BANTIN_ADMIN_TOKEN', () => {
  it('answers 404 for the whole admin surface and serves /metrics openly', async () => {
    const s = await startWith({});
    try {
      for (const p of ['/api/sources', '/api/jobs', '/admin/queues']) {
        expect((await fetch(`${s.server.url}${p}`)).status, p).toBe(404);
      }
      expect((await fetch(`${s.server.url}/api/sources/kinhtedothi/crawl`, { method: 'POST' })).status).toBe(404);
      const metrics = await fetch(`${s.server.url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toContain('text/plain');
      const text = await metrics.text();
      expect(text).toContain('# TYPE bantin_fetches_total counter');
      expect(text).toMatch(/bantin_queue_jobs\{state="waiting"\} 0/);
    } finally {
      await s.stop();
    }
  });
});

describe('with BANTIN_ADMIN_TOKEN', () => {
  it('guards the ops API, Bull Board and /metrics, and leaves the feeds open', async () => {
    const s = await startWith({ BANTIN_ADMIN_TOKEN: TOKEN });
    const auth = { authorization: `Bearer ${TOKEN}` };
    try {
      for (const p of ['/api/sources', '/admin/queues', '/metrics']) {
        expect((await fetch(`${s.server.url}${p}`)).status, p).toBe(401);
      }
      expect((await fetch(`${s.server.url}/api/topics`)).status).toBe(200);
      expect((await fetch(`${s.server.url}/feeds/all.rss`)).status).toBe(200);

      const crawl = await fetch(`${s.server.url}/api/sources/kinhtedothi/crawl`, { method: 'POST', headers: auth });
      expect(crawl.status).toBe(202);
      const { jobId } = (await crawl.json()) as { jobId: string };

      // The board, as a browser gets it: Basic auth with the token as password.
      const basic = { authorization: `Basic ${Buffer.from(`ops:${TOKEN}`).toString('base64')}` };
      const board = await fetch(`${s.server.url}/admin/queues`, { headers: basic });
      expect(board.status).toBe(200);
      expect(await board.text()).toContain('<div id="root"');
      const queues = await fetch(`${s.server.url}/admin/queues/api/queues?activeQueue=crawl&status=waiting`, { headers: basic });
      expect(queues.status).toBe(200);
      const listed = JSON.stringify(await queues.json());
      expect(listed).toContain(jobId);

      const metrics = await (await fetch(`${s.server.url}/metrics`, { headers: auth })).text();
      expect(metrics).toMatch(/bantin_queue_jobs\{state="waiting"\} 1/);
      expect(metrics).toMatch(/bantin_feed_requests_total\{format="rss",status="200"\} 1/);

      const ready = await fetch(`${s.server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ok: true, checks: { redis: true, queue: true } });
    } finally {
      await s.stop();
    }
  });
});

describe('the ops CLI', () => {
  it('lists sources and jobs, pauses and resumes, as a table and as JSON', async () => {
    const paused = await bantin(['pause', 'kinhtedothi']);
    expect(paused.code).toBe(0);
    expect(paused.stdout).toMatch(/^SOURCE\s+PAUSED\s+FAILS\s+BACKOFF UNTIL\nkinhtedothi\s+true\s+0\s+-\n$/);

    const json = await bantin(['sources', '--json']);
    expect(json.code).toBe(0);
    const sources = JSON.parse(json.stdout) as { id: string; paused: boolean; nextFire: string }[];
    expect(sources.find((x) => x.id === 'kinhtedothi')?.paused).toBe(true);
    expect(sources.find((x) => x.id === 'phapluatxahoi')?.paused).toBe(false);

    const table = await bantin(['sources']);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SOURCE\s+CRON\s+NEXT FIRE\s+STATE/);
    expect(lines.find((l) => l.startsWith('kinhtedothi '))).toMatch(/\*\/15 \* \* \* \*\s+\S+Z\s+paused/);
    // Columns line up: every row's second column starts where the header's does.
    const col = lines[0]?.indexOf('CRON');
    for (const l of lines.slice(1)) expect(l.slice((col ?? 0) - 2, col)).toBe('  ');

    expect((await bantin(['resume', 'kinhtedothi'])).code).toBe(0);
    const enq = await bantin(['crawl', '--source', 'kinhtedothi']);
    const jobId = /enqueued (\S+)/.exec(enq.stdout)?.[1];
    const jobs = JSON.parse((await bantin(['jobs', '--source', 'kinhtedothi', '--json'])).stdout) as { id: string }[];
    expect(jobs.map((j) => j.id)).toContain(jobId);
  }, 60_000);

  it.each([
    [['pause'], 2, /exactly one source id/],
    [['pause', 'nowhere'], 1, /no source "nowhere"/],
    [['jobs', '--state', 'exploded'], 2, /state: must be one of/],
  ])('bantin %j exits %i', async (args, code, message) => {
    const r = await bantin(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  }, 20_000);
});
