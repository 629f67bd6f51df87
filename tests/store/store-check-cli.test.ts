/**
 * `bantin store check [--repair]` as an operator runs it (src/cli/commands/store-check.ts): on a store a writer
 * left half done, on a single Redis and on a cluster (BANTIN_TEST_TOPOLOGY).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/log.js';
import type { RedisClient } from '../../src/redis/client.js';
import { createRedisStore, keys } from '../../src/store/index.js';
import { planUpsert } from '../../src/store/upsert-command.js';
import { makeArticle } from '../support/articles.js';
import { bantin } from '../support/cli.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let client: RedisClient;
const prefix = 'bt';
const k = keys(prefix);

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
});
afterAll(async () => redis.stop());

const ids = async (slug: string): Promise<string[]> =>
  (await createRedisStore({ redis: client, prefix, log: silentLogger() }).list({ streams: [{ kind: 'topic', slug }], limit: 20 })).map((a) => a.id);

it('bantin store check: exit 1 while something is wrong, --repair puts it right, then exit 0', async () => {
  const store = createRedisStore({ redis: client, prefix, log: silentLogger() });
  await store.upsert(makeArticle(1));
  // Moved to another topic by a writer killed after its first step.
  const after = makeArticle(1, { topics: ['kinh-te'], contentHash: 'e'.repeat(64), title: 'Tiêu đề mới' });
  const [name, ...args] = planUpsert(k, after, [], false).write;
  await client.call(name, args);
  const env = { ...redis.env, BANTIN_REDIS_PREFIX: prefix };
  const found = await bantin(['store', 'check'], env);
  expect(found.code, found.stderr).toBe(1);
  expect(found.stdout).toContain('store check: 1 records, 1 with index steps pending, 0 missing from an index or the URL map');
  const repair = await bantin(['store', 'check', '--repair'], env);
  expect(repair.code, repair.stderr).toBe(0);
  expect(repair.stdout).toContain('store check: repaired 1');
  expect(repair.stdout).toContain('after repair: 1 records, 0 with index steps pending, 0 missing from an index or the URL map, 0 index entries without their record, 0 URLs naming no record');
  expect(await ids('kinh-te')).toEqual([after.id]);
  const again = await bantin(['store', 'check'], env);
  expect(again.code, again.stderr).toBe(0);
}, 60_000);
