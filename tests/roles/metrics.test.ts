/**
 * /metrics as Prometheus scrapes it from a process running all three roles:
 * every series the operator dashboards rely on moves when the thing it
 * counts happens (a crawl, feed requests, scheduler ticks, Redis going away).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Context } from '../../src/roles/context.js';
import type { RoleHandle } from '../../src/roles/role.js';
import { startScheduler } from '../../src/roles/scheduler.js';
import { startServer, type ServerRole } from '../../src/roles/server.js';
import { startWorker } from '../../src/roles/worker.js';
import { createCrawlStateStore } from '../../src/store/index.js';
import { testContext } from '../support/context.js';
import { ARTICLE_PATHS, startCrawlWorld, type CrawlWorld } from '../support/crawl-world.js';

const PREFIX = 'metrics';
let world: CrawlWorld;
let ctx: Context;
let server: ServerRole;
const roles: RoleHandle[] = [];

beforeAll(async () => {
  world = await startCrawlWorld([
    [/cron: .*/, 'cron: "* * * * * *"'],
    [/maxRandomDelaySeconds: \d+/, 'maxRandomDelaySeconds: 0'],
  ]);
  // One article ships a JSON-LD block cut off mid-string: skipped, and counted.
  world.site.route(ARTICLE_PATHS[0] as string, async (_req, res, s) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end((await s.file((ARTICLE_PATHS[0] as string).slice(1))).replace('</head>', '<script type="application/ld+json">{"@type":"NewsArticle","headline":"cut off</script></head>'));
  });
  // Paused before the scheduler starts, so its first ticks are skips.
  await createCrawlStateStore({ redis: world.redis.client(), prefix: PREFIX }).setPaused('kinhtedothi', true);
  ctx = await testContext(world.env(PREFIX, { PORT: '0', HOST: '127.0.0.1' }));
  server = await startServer(ctx);
  roles.push(server, await startWorker(ctx), await startScheduler(ctx));
});
afterAll(async () => {
  await Promise.all(roles.map((r) => r.stop(5000)));
  await ctx.close();
  await world.close();
});

/** The value of one series, 0 when it is not there yet. */
async function sample(series: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

it('counts scheduler skips, fires, crawled articles, fetches, fallbacks and job durations', async () => {
  await expect.poll(() => sample('bantin_scheduler_skips_total{source="kinhtedothi",reason="paused"}'), { timeout: 10_000, interval: 200 }).toBeGreaterThan(0);
  expect(await sample('bantin_scheduler_fires_total{source="kinhtedothi"}')).toBe(0);

  await createCrawlStateStore({ redis: world.redis.client(), prefix: PREFIX }).setPaused('kinhtedothi', false);
  await expect.poll(() => sample('bantin_job_duration_seconds_count{source="kinhtedothi",status="ok"}'), { timeout: 15_000, interval: 200 }).toBeGreaterThan(0);
  expect(await sample('bantin_scheduler_fires_total{source="kinhtedothi"}')).toBeGreaterThan(0);
  // The fixture site's two articles, stored by the first run (later runs find them unchanged).
  expect(await sample('bantin_articles_total{source="kinhtedothi",outcome="new"}')).toBe(2);
  const host = new URL(world.site.origin).host;
  expect(await sample(`bantin_fetches_total{source="kinhtedothi",host="${host}",outcome="ok"}`)).toBeGreaterThanOrEqual(2);
  expect(await sample('bantin_fetch_duration_seconds_count{source="kinhtedothi",outcome="ok"}')).toBeGreaterThanOrEqual(2);
  // Neither fixture article says when it was updated: the profile has no selector for it, nothing else finds one.
  expect(await sample('bantin_extraction_fallbacks_total{source="kinhtedothi",field="updatedAt",from="none"}')).toBe(2);
  expect(await sample('bantin_jsonld_unreadable_total{source="kinhtedothi"}')).toBeGreaterThanOrEqual(1);
  // And the process itself, as every Node service exports it.
  expect(await sample('process_resident_memory_bytes')).toBeGreaterThan(0);
}, 40_000);

it('counts feed requests by format and status, and render-cache hits and misses', async () => {
  const misses = await sample('bantin_render_cache_total{result="miss"}');
  const hits = await sample('bantin_render_cache_total{result="hit"}');
  for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/topics/ha-noi.atom?limit=7`)).status).toBe(200);
  expect((await fetch(`${server.url}/feeds/nope.json`)).status).toBe(404);
  expect(await sample('bantin_feed_requests_total{format="atom",status="200"}')).toBe(3);
  expect(await sample('bantin_feed_requests_total{format="json",status="404"}')).toBe(1);
  expect(await sample('bantin_render_cache_total{result="miss"}')).toBe(misses + 1);
  expect(await sample('bantin_render_cache_total{result="hit"}')).toBe(hits + 2);
});

it('keeps answering while Redis is away: /metrics counts connection errors, /readyz says 503 until it is back', async () => {
  const before = await sample('bantin_redis_errors_total{purpose="commands"}');
  await world.redis.restart(async () => {
    await expect.poll(() => sample('bantin_redis_errors_total{purpose="commands"}'), { timeout: 10_000, interval: 100 }).toBeGreaterThan(before);
    const down = await fetch(`${server.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, checks: { redis: false, queue: false } });
  });
  await expect.poll(async () => (await fetch(`${server.url}/readyz`)).status, { timeout: 10_000, interval: 100 }).toBe(200);
}, 30_000);
