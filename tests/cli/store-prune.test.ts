/**
 * `bantin store prune` as an operator runs it: --dry-run says per source what would go and changes nothing,
 * the real run does it and says the same, --source keeps to one source, and a source without retention
 * says it is kept forever.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/log.js';
import { toVnIso } from '../../src/core/time.js';
import { createRedisStore, type ArticleStore } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { bantin } from '../support/cli.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const prefix = 'cli-prune';
const DAY = 86_400_000;

let redis: TestRedis;
let store: ArticleStore;
beforeAll(async () => {
  redis = await startTestRedis();
  store = createRedisStore({ redis: redis.client(), prefix, log: silentLogger() });
  // The CLI runs on the real clock: three articles well past 30 days, one of today.
  const now = Date.now();
  for (const n of [1, 2, 3]) await store.upsert(makeArticle(n, { publishedAt: toVnIso(now - (60 + n) * DAY) }));
  await store.upsert(makeArticle(4, { publishedAt: toVnIso(now - 3600_000) }));
  await store.upsert(makeArticle(5, { source: 'phapluatxahoi', publishedAt: toVnIso(now - 90 * DAY) }));
});
afterAll(async () => redis.stop());

const env = () => ({ REDIS_URL: redis.url, BANTIN_REDIS_PREFIX: prefix, BANTIN_RETENTION_DAYS: '30', BANTIN_RETENTION_MODE: 'drop' });
const count = (id: string) => store.count({ kind: 'source', id });

it('says what a dry run would drop and drops nothing; the real run drops it', async () => {
  const dry = await bantin(['store', 'prune', '--dry-run', '--source', 'kinhtedothi'], env());
  expect(dry.stderr).toBe('');
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain('store prune (dry run: nothing changed):');
  expect(dry.stdout).toMatch(/kinhtedothi\s+drop after 30 days \(published at or before [0-9T:+-]+\): would drop 3; [\d.]+ KiB \(\d+ bytes\) would be freed, measured/);
  expect(dry.stdout).not.toContain('phapluatxahoi');
  expect(await count('kinhtedothi')).toBe(4);

  const real = await bantin(['store', 'prune', '--source', 'kinhtedothi'], env());
  expect(real.code).toBe(0);
  expect(real.stdout).toMatch(/kinhtedothi\s+drop after 30 days .*: dropped 3; /);
  expect(await count('kinhtedothi')).toBe(1);
  expect(await count('phapluatxahoi')).toBe(1);

  const again = await bantin(['store', 'prune', '--source', 'kinhtedothi'], env());
  expect(again.stdout).toMatch(/dropped 0; 0\.0 KiB \(0 bytes\) freed/);
});

it('says a source is kept forever without a retention, and refuses a source it does not know', async () => {
  const kept = await bantin(['store', 'prune', '--dry-run'], { REDIS_URL: redis.url, BANTIN_REDIS_PREFIX: prefix });
  expect(kept.code).toBe(0);
  expect(kept.stdout).toMatch(/kinhtedothi\s+kept forever \(no retention\)/);
  const unknown = await bantin(['store', 'prune', '--source', 'nope'], env());
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('no source "nope" in the config');
});
