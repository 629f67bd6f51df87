/**
 * The single-Redis upsert script (src/store/atomic-upsert.ts) declines, and leaves the write to the steps,
 * when the stored record is not the one its changes were worked out from or a marker is there. A single
 * Redis only (*.single.test.ts): on a cluster its keys span slots, and it is never sent there.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/log.js';
import type { RedisClient } from '../../src/redis/client.js';
import { createRedisStore, keys, type ArticleStore } from '../../src/store/index.js';
import { atomicUpsert } from '../../src/store/atomic-upsert.js';
import { planUpsert, settlementOf } from '../../src/store/upsert-command.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let client: RedisClient;
let store: ArticleStore;
const prefix = 'bt';
const k = keys(prefix);

beforeAll(async () => {
  redis = await startTestRedis();
  client = redis.client();
  store = createRedisStore({ redis: client, prefix, log: silentLogger() });
});
afterAll(async () => redis.stop());
beforeEach(async () => redis.flush());

const ids = async (slug: string): Promise<string[]> => (await store.list({ streams: [{ kind: 'topic', slug }], limit: 20 })).map((a) => a.id);

/** Step 1 of an upsert alone, as a writer killed right after it leaves the store. */
async function writeOnly(article: ReturnType<typeof makeArticle>): Promise<void> {
  const [name, ...args] = planUpsert(k, article, [], false).write;
  await client.call(name, args);
}

describe('the single-Redis upsert script', () => {
  it('changes nothing when the stored record is not the one its changes were worked out from, nor while a marker is there', async () => {
    const stored = makeArticle(7);
    await store.upsert(stored);
    const moved = makeArticle(7, { topics: ['kinh-te'], contentHash: 'd'.repeat(64) });
    const plan = planUpsert(k, moved, [], false);
    // Worked out as if nothing were stored: it would not take the article out of ha-noi.
    const [name, ...args] = atomicUpsert(k, settlementOf(plan, []), { ...plan.record, expectedHeader: '' }, null);
    expect(await client.call(name, args)).toEqual(['moved']);
    expect(await store.get(stored.id)).toEqual(stored);
    expect(await ids('kinh-te')).toEqual([]);
    await writeOnly(makeArticle(8));
    const other = planUpsert(k, makeArticle(8, { contentHash: 'c'.repeat(64) }), [], false);
    const [name8, ...args8] = atomicUpsert(k, settlementOf(other, []), { ...other.record, expectedHeader: '' }, null);
    expect(await client.call(name8, args8)).toEqual(['marked']);
    // The store itself then takes the steps, and ends where the record says.
    expect(await store.upsert(moved)).toBe('updated');
    expect(await ids('kinh-te')).toEqual([moved.id]);
    expect(await ids('ha-noi')).toEqual([]);
    expect(await client.zscore(k.index({ kind: 'topic', slug: 'ha-noi' }), moved.id)).toBeNull();
  });
});
