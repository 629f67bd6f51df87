/**
 * A Redis Cluster master killed with SIGKILL in the middle of a crawl: a
 * `bantin worker` process runs the fixture site's crawl on a six-node
 * cluster (three masters, three replicas, cluster-node-timeout 1 s), and
 * with some articles stored and two in flight the master holding one of
 * the stored records dies. Its replica is promoted; then:
 *
 * - the run finishes `ok`: every article of the site new, none failed;
 * - every article is stored once (fetched once, counted new once and never
 *   as already stored, one record per URL, the `all` index holds each once);
 * - every article, those stored on the dead master before it died
 *   included, is in the feed the serve role renders.
 *
 * And a serve replica whose change subscription sat on the master that
 * died keeps following changes: its renders are marked stale when the node
 * goes, it subscribes again on another node, and an article stored after
 * the failover is in its renders.
 */
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, readSettings } from '../../src/config/index.js';
import { systemClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createCrawlQueue } from '../../src/queue/index.js';
import { connectCluster } from '../../src/redis/connect.js';
import { createApp, createRenderCache, type Cached } from '../../src/serve/index.js';
import { createCrawlStateStore, createRedisStore, keys } from '../../src/store/index.js';
import { configFor, ROOT, type ConfigCopy } from '../support/config-copy.js';
import { makeArticle } from '../support/articles.js';
import { ARTICLE_PATHS } from '../support/crawl-world.js';
import { addArticles, holdPages, recordsByPath, report, spawnBantin, type BantinProcess } from '../support/fault-kit.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';
import { CLUSTER_NODE_TIMEOUT_MS, startTestCluster, type TestCluster } from '../support/redis-cluster.js';

const PREFIX = 'failover';
const SOURCE = 'kinhtedothi';
/** Synthetic articles besides the fixture site's two. */
const EXTRA = 10;
const HELD = ['/bai-so-5.html', '/bai-so-6.html'];

let cluster: TestCluster;
let site: FixtureSite;
let config: ConfigCopy;
let worker: BantinProcess | null = null;

beforeAll(async () => {
  cluster = await startTestCluster();
  site = await startFixtureSite(path.join(ROOT, 'tests/fixtures/site'));
  config = await configFor(site.origin, [[/concurrency: \d+/, 'concurrency: 4']]);
});
afterAll(async () => {
  await worker?.kill();
  await site?.close();
  await cluster?.stop();
  await config?.remove();
});

it('a master killed -9 mid-crawl: its replica takes over, the run finishes ok, every article stored once and in the feed', async () => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REDIS_CLUSTER_NODES: cluster.nodes.join(','),
    BANTIN_CONFIG: config.configDir,
    BANTIN_FEEDS: config.feedsDir,
    BANTIN_REDIS_PREFIX: PREFIX,
    BANTIN_ALLOW_PRIVATE_NETWORKS: '1',
    LOG_LEVEL: 'silent',
    WORKER_CONCURRENCY: '2',
  };
  const hold = holdPages(site, HELD, { routeFiles: [] });
  const expected = [...ARTICLE_PATHS, ...addArticles(site, EXTRA, hold)].sort();
  const k = keys(PREFIX);

  const admin = cluster.client();
  const state = createCrawlStateStore({ redis: cluster.client(), prefix: PREFIX });
  const queue = createCrawlQueue({ connection: cluster.client(), prefix: k.queuePrefix, clock: systemClock, log: silentLogger() });
  const running = spawnBantin(['worker'], env);
  worker = running;
  try {
    await queue.enqueueRun({ sourceId: SOURCE, slot: null, trigger: 'manual', pages: null });
    // The worker planned the run, stored what came before the held pages, and has both in flight.
    await expect.poll(hold.inFlight, { timeout: 20_000, interval: 50 }).toBe(2);
    const before = await recordsByPath(admin, PREFIX);
    const [firstPath, [firstKey] = []] = [...before][0] ?? [];
    expect(firstKey, 'an article stored before the kill').toBeTypeOf('string');
    const victim = await cluster.masterOf(firstKey as string);
    const onVictim = [...before.values()].flat();
    const victimKeys = (await Promise.all(onVictim.map(async (key) => ((await cluster.masterOf(key)) === victim ? key : null)))).filter((x) => x !== null);
    const queueOnVictim = (await cluster.masterOf(`${k.queuePrefix}:crawl:meta`)) === victim;

    const killedAt = Date.now();
    await cluster.kill(victim);
    // The held pages answer while the master is down: their stores meet the failover.
    hold.release();
    await cluster.waitHealthy(firstKey as string);
    const promotedMs = Date.now() - killedAt;

    await expect.poll(async () => (await state.get(SOURCE)).lastRun?.status, { timeout: 60_000, interval: 100 }).toBe('ok');
    const finishedMs = Date.now() - killedAt;
    const counts = (await state.get(SOURCE)).lastRun?.counts;
    // Each article fetched and stored once: none found already stored (a second write), none failed.
    expect(counts).toMatchObject({ fetched: expected.length, new: expected.length, updated: 0, unchanged: 0, failed: 0 });

    // Once each: one record per URL, and the index lists each once. Scanned through a client that
    // connected after the failover, so the masters it scans are the cluster's masters now.
    const after = cluster.client();
    if (after.status !== 'ready') await once(after, 'ready');
    const records = await recordsByPath(after, PREFIX);
    expect([...records.keys()].sort()).toEqual(expected);
    for (const [p, recordKeys] of records) expect(recordKeys, `records holding ${p}`).toHaveLength(1);
    expect(await admin.zcard(k.index({ kind: 'all' }))).toBe(expected.length);
    expect(records.get(firstPath as string), 'the record that lived on the killed master').toEqual([firstKey]);

    // Readable in the feed the serve role renders, from the promoted replica too.
    const subscriber = cluster.client();
    const cache = createRenderCache<Cached>({ subscriber, prefix: PREFIX, log: silentLogger() });
    await cache.start();
    const loaded = await loadConfig({ configDir: config.configDir, feedsDir: config.feedsDir });
    const app = createApp({
      store: createRedisStore({ redis: cluster.client(), prefix: PREFIX, log: silentLogger() }),
      config: loaded,
      settings: readSettings({ BANTIN_PUBLIC_URL: 'https://bantin.example' }),
      clock: systemClock,
      log: silentLogger(),
      ready: async () => ({ ok: true, checks: {} }),
      cache,
    });
    const res = await app.request(`/sources/${SOURCE}.json?limit=100`);
    expect(res.status).toBe(200);
    const feed = (await res.json()) as { items: { url: string }[] };
    expect(feed.items.map((i) => new URL(i.url).pathname).sort()).toEqual(expected);
    await cache.stop();

    report('Redis Cluster master SIGKILL mid-crawl (bantin worker, 3 masters + 3 replicas)', {
      'articles on the site': expected.length,
      'stored when killed': before.size,
      'their records on the killed master': victimKeys.length,
      'crawl queue on the killed master': queueOnVictim ? 'yes' : 'no',
      'kill to replica promoted (cluster ok)': `${promotedMs} ms (cluster-node-timeout ${CLUSTER_NODE_TIMEOUT_MS} ms)`,
      'kill to run finished ok': `${finishedMs} ms`,
      'stored at the end': records.size,
      'run counts': JSON.stringify(counts),
    });
  } finally {
    hold.release();
    await running.kill();
    worker = null;
    await queue.close();
  }
}, 120_000);

it('a serve replica whose subscriber sat on the killed master follows changes after the failover', async () => {
  const own = await startTestCluster();
  try {
    const prefix = 'follow';
    const nodes = own.nodes.map((n) => ({ host: '127.0.0.1', port: Number(n.split(':')[1]) }));
    // The connections as bantin opens them on a cluster: the writer's waits through the failover.
    const writer = connectCluster(nodes, 'commands', silentLogger());
    const store = createRedisStore({ redis: writer, prefix, log: silentLogger() });
    for (let n = 1; n <= 5; n++) await store.upsert(makeArticle(n));
    const subscriber = connectCluster(nodes, 'subscriber', silentLogger());
    const cache = createRenderCache<Cached>({ subscriber, prefix, log: silentLogger() });
    await cache.start();
    const loaded = await loadConfig({ configDir: config.configDir, feedsDir: config.feedsDir });
    const app = createApp({
      store,
      config: loaded,
      settings: readSettings({ BANTIN_PUBLIC_URL: 'https://bantin.example', BANTIN_REDIS_PREFIX: prefix }),
      clock: systemClock,
      log: silentLogger(),
      ready: async () => ({ ok: true, checks: {} }),
      cache,
    });
    const titles = async (): Promise<string[]> => ((await (await app.request('/feeds/all.json')).json()) as { items: { title: string }[] }).items.map((i) => i.title);
    expect(await titles()).toHaveLength(5);

    // The cluster client keeps one subscriber connection, on a master: that master dies.
    const [victim, ...others] = await own.subscribedNodes();
    expect(others, 'one subscriber connection').toEqual([]);
    const resetsBefore = cache.stats().resets;
    await own.kill(victim as NonNullable<typeof victim>);
    await own.waitHealthy();
    await expect.poll(() => cache.stats().resets, { timeout: 10_000, interval: 50 }).toBeGreaterThan(resetsBefore);
    // Subscribed again, elsewhere: a change made now reaches the replica.
    await expect.poll(async () => (await own.subscribedNodes()).length, { timeout: 10_000, interval: 50 }).toBe(1);
    const seen = new Promise<void>((resolve) => {
      const off = cache.onChange((streams) => {
        if (streams.some((st) => st.kind === 'all')) {
          off();
          resolve();
        }
      });
    });
    await store.upsert(makeArticle(6, { title: 'Bài viết sau khi đổi master' }));
    await seen;
    // The render marked stale by the failover is answered once more while it renders again; then the new one.
    await expect.poll(async () => (await titles())[0], { timeout: 2000, interval: 10 }).toBe('Bài viết sau khi đổi master');
    await cache.stop();
    subscriber.disconnect();
    writer.disconnect();
  } finally {
    await own.stop();
  }
}, 60_000);
