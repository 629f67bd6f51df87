/**
 * A dropped article the site still lists is not stored again: `bantin crawl --once` after `bantin store prune`
 * (drop) finds the fixture site's 2019 article again, sees it is past the source's retention, and leaves the
 * store as the prune left it; without the retention, the same crawl stores it again. (The other fixture article
 * gives no date: it is dated when first seen, today, and stays.) Under `trim`, an article already past retention
 * when first crawled is stored trimmed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/log.js';
import { createRedisStore, type ArticleStore } from '../../src/store/index.js';
import { bantin } from '../support/cli.js';
import { startCrawlWorld, type CrawlWorld } from '../support/crawl-world.js';

const PREFIX = 'recrawl';
let world: CrawlWorld;
let store: ArticleStore;

beforeAll(async () => {
  world = await startCrawlWorld();
  store = createRedisStore({ redis: world.redis.client(), prefix: PREFIX, log: silentLogger() });
});
afterAll(async () => world.close());

const DROP = { BANTIN_RETENTION_DAYS: '30', BANTIN_RETENTION_MODE: 'drop' };
const crawl = (extra: Record<string, string> = {}) => bantin(['crawl', '--once', '--source', 'kinhtedothi'], world.env(PREFIX, extra));
const stored = () => store.count({ kind: 'source', id: 'kinhtedothi' });
const OLD_PATH = '/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html';

it('does not store again what retention dropped, while the site still lists it', async () => {
  // The fixture pages name the site they are served from as canonical.
  const OLD_URL = `${world.site.origin}${OLD_PATH}`;
  expect((await crawl()).code).toBe(0);
  expect(await stored()).toBe(2);
  expect(await store.hasUrl(OLD_URL)).toBe(true);

  const pruned = await bantin(['store', 'prune', '--source', 'kinhtedothi'], world.env(PREFIX, DROP));
  expect(pruned.stdout).toMatch(/kinhtedothi\s+drop after 30 days .*: dropped 1;/);
  expect(await stored()).toBe(1);
  expect(await store.hasUrl(OLD_URL)).toBe(false);

  const again = await crawl(DROP);
  expect(again.code, again.stderr).toBe(0);
  expect(await stored()).toBe(1);
  expect(await store.hasUrl(OLD_URL)).toBe(false);

  // The same crawl without the retention finds and stores it: it was the retention that kept it out.
  expect((await crawl()).code).toBe(0);
  expect(await stored()).toBe(2);
  expect(await store.hasUrl(OLD_URL)).toBe(true);
}, 60_000);

it('stores trimmed an article already past a trim retention when first crawled', async () => {
  const prefix = 'recrawl-trim';
  const trimStore = createRedisStore({ redis: world.redis.client(), prefix, log: silentLogger() });
  const TRIM = { BANTIN_RETENTION_DAYS: '30', BANTIN_RETENTION_MODE: 'trim' };
  const run = await bantin(['crawl', '--once', '--source', 'kinhtedothi'], world.env(prefix, TRIM));
  expect(run.code, run.stderr).toBe(0);
  const [young, old] = await trimStore.list({ streams: [{ kind: 'source', id: 'kinhtedothi' }], limit: 10 });
  expect(old?.url).toBe(`${world.site.origin}${OLD_PATH}`);
  expect(old?.trimmedAt).toBeDefined();
  expect(old?.contentText).toBe(`${old?.lead}\n\n${old?.url}`);
  expect(young?.trimmedAt).toBeUndefined();
  const pruned = await bantin(['store', 'prune', '--source', 'kinhtedothi'], world.env(prefix, TRIM));
  expect(pruned.stdout).toMatch(/trimmed 0, 1 trimmed before/);
}, 60_000);
