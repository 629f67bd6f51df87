/**
 * `bantin crawl --once --backfill --pages N` as an operator runs it: it walks
 * the listing N pages back, prints progress, stops cleanly on Ctrl-C (the
 * articles in flight finish, the run is recorded, the source is not left
 * locked), and the same command run again goes on without fetching again
 * what the first one stored.
 */
import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/log.js';
import { createCrawlStateStore, createRedisStore } from '../../src/store/index.js';
import { configFor, ROOT, type ConfigCopy } from '../support/config-copy.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const SEED = 'ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156';
const LISTING_PAGES = 4;
const PER_PAGE = 4;
const BACKFILL_PAGES = 3;
const PREFIX = 'backfill';

let redis: TestRedis;
let site: FixtureSite;
let config: ConfigCopy;

const articlePath = (page: number, i: number): string => `/bai-trang-${page}-so-${i}-${500000 + page * 100 + i}.html`;
const listingPath = (page: number): string => (page === 1 ? '/thoi-su' : `/thoi-su/trang-${page}`);

function listingHtml(page: number): string {
  const items = Array.from({ length: PER_PAGE }, (_, k) => `<li><div class="info_cate"><a href="${articlePath(page, k + 1)}">Bài ${page}.${k + 1}</a></div></li>`);
  const paging = Array.from({ length: LISTING_PAGES }, (_, k) => `<a${k + 1 === page ? ' class="active"' : ''} href="${listingPath(k + 1)}">${k + 1}</a>`);
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Thời sự</title></head><body><div class="pkg"><ul>${items.join('')}</ul></div><div class="paging">${paging.join('')}</div></body></html>`;
}

/** Article fetches by path, and a gate that holds the Nth article request until the test opens it. */
const fetched = new Map<string, number>();
let holdAt = 0;
let arrivedAtGate: () => void = () => undefined;
let gateReached = new Promise<void>((resolve) => (arrivedAtGate = resolve));
let openGate: () => void = () => undefined;
let gate = new Promise<void>((resolve) => (openGate = resolve));
const articleRequests = (): number => [...fetched.values()].reduce((a, b) => a + b, 0);

beforeAll(async () => {
  redis = await startTestRedis();
  site = await startFixtureSite(path.join(ROOT, 'tests/fixtures/site'));
  config = await configFor(site.origin, [
    [/listings:\n(\s+- .*\n)+/, 'listings:\n    - /thoi-su\n'],
    [/maxListingPages: \d+/, 'maxListingPages: 1'],
    // One article at a time, so where Ctrl-C lands is exact.
    [/concurrency: \d+/, 'concurrency: 1'],
  ]);
  const template = await site.file(`${SEED}.html`);
  for (let page = 1; page <= LISTING_PAGES; page++) {
    const listing = listingHtml(page);
    site.route(listingPath(page), (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(listing);
    });
    for (let i = 1; i <= PER_PAGE; i++) {
      const p = articlePath(page, i);
      const slug = p.slice(1, -'.html'.length);
      const html = template.replaceAll(SEED, slug).replace('</h1>', ` (trang ${page}, bài ${i})</h1>`);
      site.route(p, async (_req: IncomingMessage, res: ServerResponse) => {
        fetched.set(p, (fetched.get(p) ?? 0) + 1);
        if (articleRequests() === holdAt) {
          arrivedAtGate();
          await gate;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(html);
      });
    }
  }
});
afterAll(async () => {
  openGate();
  await site.close();
  await redis.stop();
  await config.remove();
});

interface Crawl {
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  stderr: () => string;
  interrupt: () => void;
}

function crawl(): Crawl {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/bantin.js'), 'crawl', '--once', '--source', 'kinhtedothi', '--backfill', '--pages', String(BACKFILL_PAGES)], {
    cwd: ROOT,
    env: {
      ...process.env,
      REDIS_URL: redis.url,
      BANTIN_CONFIG: config.configDir,
      BANTIN_FEEDS: config.feedsDir,
      BANTIN_REDIS_PREFIX: PREFIX,
      BANTIN_ALLOW_PRIVATE_NETWORKS: '1',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { done, stderr: () => stderr, interrupt: () => child.kill('SIGINT') };
}

it('walks N listing pages back, stops cleanly on Ctrl-C, and resumes without refetching what it stored', async () => {
  const expected = Array.from({ length: BACKFILL_PAGES }, (_, p) => Array.from({ length: PER_PAGE }, (_, i) => articlePath(p + 1, i + 1))).flat();
  const total = expected.length;
  const store = createRedisStore({ redis: redis.client(), prefix: PREFIX, log: silentLogger() });
  const state = createCrawlStateStore({ redis: redis.client(), prefix: PREFIX });

  // First run: Ctrl-C while the third article is being fetched.
  holdAt = 3;
  const first = crawl();
  await gateReached;
  first.interrupt();
  // Only once the crawl has taken the Ctrl-C does the held page answer.
  await expect.poll(first.stderr, { timeout: 5000 }).toContain('stopping after the articles in flight');
  openGate();
  const one = await first.done;
  expect(one.code).toBe(130);
  expect(one.stderr).toContain('interrupted; run the same command again to go on');
  expect(one.stdout).toContain(`kinhtedothi: discover: ${total} article links, ${total} to fetch`);
  expect(one.stdout).toMatch(new RegExp(`kinhtedothi: fetch 3/${total}  stored 3  failed 0  [\\d.]+/s  ETA \\d+s`));
  expect(one.stdout).toContain(`kinhtedothi: partial: discovered ${total}, fetched 3, new 3`);
  expect(one.stdout).toContain(`interrupted after 3 of ${total} articles`);
  // The article in flight when Ctrl-C came was finished and stored; nothing after it was started.
  expect(await store.count({ kind: 'source', id: 'kinhtedothi' })).toBe(3);
  expect(articleRequests()).toBe(3);
  // The run is recorded and the source is not left locked.
  const afterFirst = await state.get('kinhtedothi');
  expect(afterFirst.lastRun?.status).toBe('partial');
  expect(afterFirst.runningJob).toBeNull();

  // Second run: the same command, to the end.
  holdAt = -1;
  gateReached = new Promise<void>((resolve) => (arrivedAtGate = resolve));
  gate = new Promise<void>((resolve) => (openGate = resolve));
  const two = await crawl().done;
  expect(two.code).toBe(0);
  expect(two.stdout).toContain(`kinhtedothi: discover: ${total} article links, ${total - 3} to fetch`);
  expect(two.stdout).toContain(`kinhtedothi: ok: discovered ${total}, fetched ${total - 3}, new ${total - 3}`);
  expect(await store.count({ kind: 'source', id: 'kinhtedothi' })).toBe(total);
  // Every article of the N pages fetched exactly once over both runs; the page beyond N not at all.
  expect(Object.fromEntries(fetched)).toEqual(Object.fromEntries(expected.map((p) => [p, 1])));
}, 60_000);
