/**
 * A site changes its markup mid-life: the fixture site publishes articles,
 * then redesigns its title element so the Kinhtedothi profile misses it, then
 * goes back. The articles keep flowing through the fallback; the source goes
 * into profile drift on the title (GET /api/sources, `bantin sources`,
 * `bantin_profile_field_ratio`) and out again, with one warn line each way.
 * Runs go through both paths: queue worker, and `bantin crawl --once`.
 */
import type http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, readSettings } from '../../src/config/index.js';
import { systemClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/log.js';
import { openContext, type Context } from '../../src/roles/context.js';
import type { RoleHandle } from '../../src/roles/role.js';
import { startServer, type ServerRole } from '../../src/roles/server.js';
import { startWorker } from '../../src/roles/worker.js';
import { bantin } from '../support/cli.js';
import { ARTICLE_PATHS, startCrawlWorld, type CrawlWorld } from '../support/crawl-world.js';
import type { FixtureSite } from '../support/fixture-site.js';

const PREFIX = 'drift';
const TOKEN = 'drift-token';
const SEED_TITLE = 'Hà Nội tạo bước đột phá mới trong công tác cán bộ';

type Markup = 'profile' | 'redesign';
interface LogLine {
  level: number;
  msg: string;
  source?: string;
  field?: string;
  fromProfile?: number;
  counted?: number;
  since?: string;
}
interface DriftBody {
  field: string;
  profile: number;
  counted: number;
  since: string;
}
interface SourceBody {
  id: string;
  lastRun: { jobId: string; counts: Record<string, number> } | null;
  drift: DriftBody[];
}

let world: CrawlWorld;
let ctx: Context;
let server: ServerRole;
const roles: RoleHandle[] = [];
/** What this process (server and worker) logged at warn and above. */
const logged: LogLine[] = [];

/** The site as it is now: the markup every article page is served in, and the articles published so far, newest first. */
let markup: Markup = 'profile';
const published: string[] = [];
/** The fixture site's seed article, which every generated article is made from. */
let seedPage = '';

beforeAll(async () => {
  world = await startCrawlWorld();
  const env = world.env(PREFIX, { PORT: '0', HOST: '127.0.0.1', BANTIN_ADMIN_TOKEN: TOKEN });
  const settings = readSettings(env);
  ctx = await openContext({
    settings,
    config: await loadConfig({ configDir: settings.BANTIN_CONFIG, feedsDir: settings.BANTIN_FEEDS }),
    log: createLogger({ level: 'warn', destination: { write: (line: string) => void logged.push(JSON.parse(line) as LogLine) } }),
    clock: systemClock,
    version: 'test',
  });
  server = await startServer(ctx);
  roles.push(server, await startWorker(ctx));
  await serveGeneratedSite(world.site);
});
afterAll(async () => {
  await Promise.all(roles.map((r) => r.stop(5000)));
  await ctx.close();
  await world.close();
});

/** One listing (`/thoi-su`) of every published article; the other listings empty, so each run's articles are exactly these. */
async function serveGeneratedSite(site: FixtureSite): Promise<void> {
  seedPage = await site.file(ARTICLE_PATHS[0]?.slice(1) ?? '');
  const html = (res: http.ServerResponse, body: string): void => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body);
  };
  site.route('/thoi-su', (_req, res) =>
    html(
      res,
      `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Thời sự</title></head><body><div class="pkg"><ul>${published
        .map((p) => `<li><div class="info_cate"><a href="${site.origin}${p}">${p}</a></div></li>`)
        .join('')}</ul></div></body></html>`,
    ),
  );
  for (const empty of ['/kinh-te', '/do-thi']) site.route(empty, (_req, res) => html(res, '<!DOCTYPE html><html><body><div class="list"></div></body></html>'));
}

/** An article page: the seed article under its own URL and title, in whatever markup the site has now. */
function articlePage(n: number): string {
  let page = seedPage.replaceAll(ARTICLE_PATHS[0] ?? '', pathOf(n)).replaceAll(SEED_TITLE, titleOf(n));
  // The redesign renames the headline's class: the profile's title selectors all miss, og:title still has it.
  if (markup === 'redesign') page = page.replace('<h1 class="title_detail_news">', '<h1 class="detail__headline">');
  return page;
}

const pathOf = (n: number): string => `/bai-viet-so-${n}-ve-cong-tac-can-bo-${400000 + n}.html`;
const titleOf = (n: number): string => `Bài ${n}: ${SEED_TITLE}`;

/** Put `count` new articles on the site, numbered on from the last. */
function publish(count: number): void {
  for (let i = 0; i < count; i++) {
    const n = published.length + 1;
    world.site.route(pathOf(n), (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articlePage(n));
    });
    published.unshift(pathOf(n));
  }
}

const api = (method: string, p: string): Promise<Response> => fetch(`${server.url}/api${p}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });

async function source(): Promise<SourceBody> {
  const { sources } = (await (await api('GET', '/sources')).json()) as { sources: SourceBody[] };
  return sources.find((s) => s.id === 'kinhtedothi') as SourceBody;
}

/** A run through the queue (POST crawl, the worker takes it), waited for until it is recorded. */
async function queuedRun(): Promise<SourceBody> {
  const res = await api('POST', '/sources/kinhtedothi/crawl');
  expect(res.status).toBe(202);
  const { jobId } = (await res.json()) as { jobId: string };
  await expect.poll(async () => (await source()).lastRun?.jobId, { timeout: 20_000, interval: 100 }).toBe(jobId);
  return source();
}

/** `bantin_profile_field_ratio` of kinhtedothi by field, as /metrics says. */
async function ratios(): Promise<Record<string, number>> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^bantin_profile_field_ratio\{source="kinhtedothi",field="(\w+)"\} (\S+)$/gm)) out[m[1] as string] = Number(m[2]);
  return out;
}

const driftLines = (lines: LogLine[]): LogLine[] => lines.filter((l) => l.msg.startsWith('profile drift'));

it('goes into drift on the title when the site redesigns, keeps storing, and out again when the markup comes back', async () => {
  // 1. Ten articles in the markup the profile knows: every field from the profile.
  publish(10);
  const before = await queuedRun();
  expect(before.lastRun?.counts).toMatchObject({ new: 10, failed: 0 });
  expect(before.drift).toEqual([]);
  expect(await ratios()).toEqual({ title: 1, lead: 1, authors: 1, publishedAt: 1, section: 1, tags: 1, body: 1 });

  // 2. The redesign, crawled by `bantin crawl --once`: twelve new articles whose title only og:title gives.
  //    The ten older pages are re-checked in the new markup too, but unchanged: they say nothing new.
  markup = 'redesign';
  publish(12);
  const startedAt = Date.now();
  const crawl = await bantin(['crawl', '--once', '--source', 'kinhtedothi'], world.env(PREFIX, { LOG_LEVEL: 'warn' }));
  expect(crawl.code).toBe(0);
  expect(crawl.stdout).toMatch(/new 12, updated 0, unchanged 10, failed 0/);
  const cliLines = crawl.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogLine);
  expect(driftLines(cliLines)).toEqual([
    expect.objectContaining({ level: 40, source: 'kinhtedothi', field: 'title', fromProfile: 10, counted: 21, msg: expect.stringMatching(/^profile drift began/) }),
  ]);

  const drifting = await source();
  expect(drifting.drift).toEqual([{ field: 'title', profile: 10, counted: 22, since: expect.any(String) }]);
  const since = Date.parse(drifting.drift[0]?.since ?? '');
  expect(since).toBeGreaterThanOrEqual(startedAt);
  expect(since).toBeLessThanOrEqual(Date.now());
  expect(await ratios()).toMatchObject({ title: 10 / 22, body: 1, lead: 1, authors: 1 });

  // The articles kept coming, their titles found without the profile.
  const newest = published[0] as string;
  const { createRedisStore } = await import('../../src/store/index.js');
  const store = createRedisStore({ redis: world.redis.client(), prefix: PREFIX, log: ctx.log });
  const stored = await store.list({ streams: [{ kind: 'source', id: 'kinhtedothi' }], limit: 50 });
  expect(stored).toHaveLength(22);
  const latest = stored.find((a) => a.url === `${world.site.origin}${newest}`);
  expect(latest?.title).toBe(titleOf(22));
  expect(latest?.extraction.title).not.toBe('profile');

  // `bantin sources` shows it, as a table and as JSON.
  const table = await bantin(['sources'], world.env(PREFIX));
  expect(table.stdout).toMatch(/PROFILE DRIFT/);
  expect(table.stdout).toContain(`title 10/22 since ${drifting.drift[0]?.since}`);
  const json = JSON.parse((await bantin(['sources', '--json'], world.env(PREFIX))).stdout) as SourceBody[];
  expect(json.find((s) => s.id === 'kinhtedothi')?.drift).toEqual(drifting.drift);

  // 3. The markup comes back: six new articles through the queue, and half of the last 28 titles are the profile's again.
  markup = 'profile';
  publish(6);
  const after = await queuedRun();
  expect(after.lastRun?.counts).toMatchObject({ new: 6, unchanged: 20, failed: 0 });
  expect(after.drift).toEqual([]);
  expect(await ratios()).toMatchObject({ title: 16 / 28, body: 1 });

  // One line into drift (from the CLI's run), one out of it (from the worker), and no other.
  expect(driftLines(logged)).toEqual([
    expect.objectContaining({ level: 40, source: 'kinhtedothi', field: 'title', since: drifting.drift[0]?.since, msg: expect.stringMatching(/^profile drift ended/) }),
  ]);
}, 60_000);

it('shows the same ratios on the /metrics of a process that crawled none of it (a lone worker on METRICS_PORT)', async () => {
  const { startMetricsServer } = await import('../../src/roles/metrics-server.js');
  const settings = readSettings(world.env(PREFIX, { HOST: '127.0.0.1' }));
  const other = await openContext({ settings, config: ctx.config, log: ctx.log, clock: systemClock, version: 'test' });
  const metrics = await startMetricsServer(other, 0);
  try {
    const text = await (await fetch(`${metrics.url}/metrics`)).text();
    expect(text).toContain(`bantin_profile_field_ratio{source="kinhtedothi",field="title"} ${16 / 28}`);
  } finally {
    await metrics.stop(1000);
    await other.close();
  }
});

it('leaves the ratios out of /metrics while Redis is away, and keeps answering', async () => {
  expect(Object.keys(await ratios())).toContain('title');
  // The worker has done its part; stopped first, so no queue connection is left reconnecting at teardown.
  await roles.pop()?.stop(5000);
  await world.redis.restart(async () => {
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('bantin_redis_errors_total');
    expect(text).not.toMatch(/^bantin_profile_field_ratio\{/m);
  });
  // Back (and empty, as a test Redis restarts): the roles reconnect before they are stopped.
  await expect.poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 10_000, interval: 100 }).toBe(200);
}, 20_000);
