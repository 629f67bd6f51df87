/**
 * On a Redis Cluster the article records spread over the masters (keys.ts:
 * each record key is hashed whole; only its URL set and marker follow it):
 * at 10,000 articles stored through the store, no master holds more than
 * half of them. Run by the cluster project only (`*.cluster.test.ts`; vitest.config.ts):
 * a single Redis has one master, so the file refuses to run on one rather than pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/log.js';
import { connectedMasterNodes, type RedisClient } from '../../src/redis/client.js';
import { createRedisStore, keys } from '../../src/store/index.js';
import { makeArticle } from '../support/articles.js';
import { startTestRedis, testTopology, type TestRedis } from '../support/redis.js';

const ARTICLES = 10_000;
const prefix = 'bt';

describe('a store on a Redis Cluster', () => {
  let redis: TestRedis;
  let client: RedisClient;

  beforeAll(async () => {
    if (testTopology() !== 'cluster') throw new Error('cluster-spread runs on a Redis Cluster only: npx vitest run --project cluster');
    redis = await startTestRedis();
    client = redis.client();
  });
  afterAll(async () => redis.stop());

  it(`spreads ${ARTICLES} articles so that no master holds more than half of them`, async () => {
    const store = createRedisStore({ redis: client, prefix, log: silentLogger() });
    // 50 upserts in flight at a time, as several workers would send them.
    for (let from = 1; from <= ARTICLES; from += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => store.upsert(makeArticle(from + i, { topics: [['ha-noi', 'kinh-te', 'giao-thong'][(from + i) % 3] as string] }))));
    }
    expect(await store.count({ kind: 'all' })).toBe(ARTICLES);
    const recordPattern = `${keys(prefix).article('')}*`;
    const perMaster: number[] = [];
    for (const node of await connectedMasterNodes(client)) {
      let cursor = '0';
      let n = 0;
      do {
        const [next, found] = await node.scan(cursor, 'MATCH', recordPattern, 'COUNT', 1000);
        n += found.length;
        cursor = next;
      } while (cursor !== '0');
      perMaster.push(n);
    }
    expect(perMaster.length).toBe(3);
    expect(perMaster.reduce((a, b) => a + b, 0)).toBe(ARTICLES);
    for (const n of perMaster) expect(n, `records per master: ${perMaster.join(', ')}`).toBeLessThanOrEqual(ARTICLES / 2);
  }, 120_000);
});
