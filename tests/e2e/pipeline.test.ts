/**
 * The whole pipeline against the fixture site: `bantin crawl --once` (a real
 * child process), then the scheduler firing a worker run, with the server
 * reading the three formats of a topic feed back.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bantin } from '../support/cli.js';
import { configFor, ROOT, type ConfigCopy } from '../support/config-copy.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { silentLogger } from '../../src/core/log.js';
import { testContext } from '../support/context.js';

const SEED_PATH = '/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html';
const SEED_TITLE = 'Hà Nội tạo bước đột phá mới trong công tác cán bộ';

let redis: TestRedis;
let site: FixtureSite;
let config: ConfigCopy;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...redis.env,
    BANTIN_CONFIG: config.configDir,
    BANTIN_FEEDS: config.feedsDir,
    BANTIN_ALLOW_PRIVATE_NETWORKS: '1',
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

const crawlOnce = (extraEnv: Record<string, string> = {}) => bantin(['crawl', '--once', '--source', 'kinhtedothi'], env(extraEnv));

beforeAll(async () => {
  redis = await startTestRedis();
  site = await startFixtureSite(path.join(ROOT, 'tests/fixtures/site'));
  config = await configFor(site.origin);
});
afterAll(async () => {
  await site.close();
  await redis.stop();
  await config.remove();
});

describe('bantin crawl --once, then the feeds', () => {
  it('crawls the fixture site through the listing fallback and stores its articles', async () => {
    const result = await crawlOnce();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('kinhtedothi: discover: 2 article links, 2 to fetch');
    expect(result.stdout).toMatch(/kinhtedothi: (ok|partial): discovered 2, fetched 2, new 2, updated 0, unchanged 0, failed 0/);
    // The empty feed was asked for, and the listings were the fallback.
    expect(site.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/rss/home.rss', '/thoi-su', SEED_PATH]));
    // Every request says who is asking and where to complain.
    const version = (JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(new Set(site.requests.map((r) => r.headers['user-agent']))).toEqual(new Set([`bantin/${version} (+https://github.com/bantin/bantin)`]));
  });

  it('serves the seed article in RSS, Atom and JSON Feed of its topic', async () => {
    const { startServer } = await import('../../src/roles/server.js');
    const ctx = await testContext({ ...env(), PORT: '0', HOST: '127.0.0.1' });
    const server = await startServer(ctx);
    try {
      const get = (p: string) => fetch(`${server.url}${p}`);
      const parser = new Parser({ customFields: { item: [['dc:creator', 'creators', { keepArray: true }]] } });

      const rssRes = await get('/topics/ha-noi.rss');
      expect(rssRes.status).toBe(200);
      expect(rssRes.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
      const rss = await parser.parseString(await rssRes.text());
      const rssItem = rss.items.find((i) => i.title === SEED_TITLE);
      expect(rssItem?.link).toBe(`${site.origin}${SEED_PATH}`);
      expect(rssItem?.contentSnippet?.startsWith('Sáng 18/1, Ban Tổ chức T.Ư')).toBe(true);
      expect((rssItem as unknown as { creators: string[] }).creators).toEqual(['Trần Long']);
      expect(new Date(rssItem?.isoDate ?? '').toISOString()).toBe(new Date('2019-01-18T17:39:00+07:00').toISOString());

      const atomRes = await get('/topics/ha-noi.atom');
      expect(atomRes.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const atom = await parser.parseString(await atomRes.text());
      const atomItem = atom.items.find((i) => i.title === SEED_TITLE);
      expect(atomItem?.link).toBe(`${site.origin}${SEED_PATH}`);
      expect((atomItem as { author?: string } | undefined)?.author).toBe('Trần Long');

      const jsonRes = await get('/topics/ha-noi.json');
      expect(jsonRes.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
      const json = (await jsonRes.json()) as { items: { title: string; url: string; summary: string; date_published: string; authors: { name: string }[] }[] };
      const jsonItem = json.items.find((i) => i.title === SEED_TITLE);
      expect(jsonItem?.url).toBe(`${site.origin}${SEED_PATH}`);
      expect(jsonItem?.date_published).toBe('2019-01-18T17:39:00+07:00');
      expect(jsonItem?.summary.startsWith('Sáng 18/1, Ban Tổ chức T.Ư')).toBe(true);
      expect(jsonItem?.authors).toEqual([{ name: 'Trần Long' }]);

      // The stored record carries what the feeds cannot show: the photo credit.
      const { createRedisStore } = await import('../../src/store/index.js');
      const store = createRedisStore({ redis: redis.client(), prefix: 'bantin', log: silentLogger() });
      const [stored] = await store.list({ streams: [{ kind: 'topic', slug: 'ha-noi' }], limit: 10 });
      expect(stored?.credits).toEqual([{ role: 'photo', name: 'Phạm Hùng' }]);
      expect(stored?.lead).not.toMatch(/^Kinhtedothi/);

      // Crawling again finds nothing new and the feed still has the article once.
      const again = await crawlOnce();
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/new 0/);
      const rss2 = await parser.parseString(await (await get('/topics/ha-noi.rss')).text());
      expect(rss2.items.filter((i) => i.title === SEED_TITLE)).toHaveLength(1);

      expect((await get('/healthz')).status).toBe(200);
      expect((await get('/readyz')).status).toBe(200);
      const unknown = await get('/topics/khong-co.rss');
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toContain('application/problem+json');
      const badLimit = await get('/topics/ha-noi.rss?limit=0');
      expect(badLimit.status).toBe(400);
      expect(badLimit.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      await server.stop(1000);
      await ctx.close();
    }
  });

  it('exits non-zero with the reason when the source is unreachable', async () => {
    const dead = await configFor('http://127.0.0.1:9');
    try {
      const result = await bantin(['crawl', '--once'], env({ BANTIN_CONFIG: dead.configDir, BANTIN_REDIS_PREFIX: 'dead' }));
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/kinhtedothi: failed: .*discovery failed: .*refused/);
    } finally {
      await dead.remove();
    }
  });
});

describe('the scheduler fires, a worker crawls', () => {
  it('stores the articles of a scheduled run and records the run', async () => {
    const everySecond = await configFor(site.origin, [[/cron: .*/, 'cron: "* * * * * *"'], [/maxRandomDelaySeconds: \d+/, 'maxRandomDelaySeconds: 0']]);
    const { startScheduler } = await import('../../src/roles/scheduler.js');
    const { startWorker } = await import('../../src/roles/worker.js');
    const { createCrawlStateStore, createRedisStore } = await import('../../src/store/index.js');
    const prefix = 'scheduled';
    const ctx = await testContext({ ...env(), BANTIN_REDIS_PREFIX: prefix, BANTIN_CONFIG: everySecond.configDir, BANTIN_FEEDS: everySecond.feedsDir });
    const worker = await startWorker(ctx);
    const scheduler = await startScheduler(ctx);
    const state = createCrawlStateStore({ redis: redis.client(), prefix });
    try {
      await expect.poll(async () => (await state.get('kinhtedothi')).lastRun?.status, { timeout: 10_000, interval: 100 }).toBeDefined();
    } finally {
      await scheduler.stop(1000);
      await worker.stop(5000);
      await ctx.close();
      await everySecond.remove();
    }
    const last = (await state.get('kinhtedothi')).lastRun;
    expect(last?.status).toBe('ok');
    expect(last?.counts.new).toBe(2);
    const store = createRedisStore({ redis: redis.client(), prefix, log: silentLogger() });
    const titles = (await store.list({ streams: [{ kind: 'all' }], limit: 10 })).map((a) => a.title);
    expect(titles).toContain(SEED_TITLE);
    expect(titles).toHaveLength(2);
  }, 20_000);
});

describe('WebSub after a crawl', () => {
  it('pings the hub once per changed feed URL, named at the public URL', async () => {
    const pings: string[] = [];
    site.route('/hub', (req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        if (form.get('hub.mode') === 'publish') pings.push(form.get('hub.url') ?? '');
        res.writeHead(204).end();
      });
    });
    const result = await crawlOnce({ BANTIN_REDIS_PREFIX: 'websub', WEBSUB_HUB_URL: `${site.origin}/hub`, BANTIN_PUBLIC_URL: 'https://bantin.example' });
    expect(result.code).toBe(0);
    expect(pings).toEqual(expect.arrayContaining([
      'https://bantin.example/topics/ha-noi.rss',
      'https://bantin.example/topics/ha-noi.atom',
      'https://bantin.example/topics/ha-noi.json',
      'https://bantin.example/feeds/all.rss',
      'https://bantin.example/sources/kinhtedothi.json',
    ]));
    expect(new Set(pings).size).toBe(pings.length);

    // A crawl that changes nothing pings nobody.
    pings.length = 0;
    const again = await crawlOnce({ BANTIN_REDIS_PREFIX: 'websub', WEBSUB_HUB_URL: `${site.origin}/hub`, BANTIN_PUBLIC_URL: 'https://bantin.example' });
    // It did crawl (and found both articles unchanged): silence is not a failed run.
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/new 0, updated 0, unchanged 2/);
    expect(pings).toEqual([]);
  });
});
