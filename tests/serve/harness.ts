/**
 * A serve stack on a private redis-server: the real store, a subscriber
 * connection, the render cache and the app, as the serve process wires them.
 */
import type { Hono } from 'hono';
import { masterNodes, type RedisClient } from '../../src/redis/client.js';
import type { AppConfig, Settings } from '../../src/config/index.js';
import { readSettings } from '../../src/config/index.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { feedFileSchema } from '../../src/config/feed-schema.js';
import { sourceFileSchema } from '../../src/config/source-schema.js';
import { taxonomyFileSchema } from '../../src/config/taxonomy-schema.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createApp, createRenderCache, type Cached, type RenderCache } from '../../src/serve/index.js';
import { createRedisStore, keys, type ArticleStore, type Stream } from '../../src/store/index.js';
import type { TestRedis } from '../support/redis.js';

export const PREFIX = 'bt';
const ROOT = path.resolve(import.meta.dirname, '../..');

/** The shipped taxonomy; `extraFeeds`: more curated feed files, as YAML would give them. */
export function testConfig(extraFeeds: Record<string, unknown>[] = []): AppConfig {
  const source = sourceFileSchema.parse({
    id: 'kinhtedothi',
    name: 'Kinh tế & Đô thị',
    baseUrl: 'https://kinhtedothi.vn',
    schedule: { cron: '*/15 * * * *' },
    discovery: { feeds: ['https://kinhtedothi.vn/rss/home.rss'] },
    profile: {},
  });
  const feed = (raw: Record<string, unknown>, file: string) => ({ ...feedFileSchema.parse(raw), file });
  return {
    sources: [{ ...source, file: 'kinhtedothi.yaml' }],
    feeds: [
      feed({ slug: 'all', title: 'Bản tin - Tất cả', description: 'Mọi bài viết.', include: 'all' }, 'all.yaml'),
      feed({ slug: 'ha-noi', title: 'Bản tin - Hà Nội', description: 'Tin Thủ đô.', include: { topics: ['ha-noi'], sources: [] } }, 'ha-noi.yaml'),
      feed({ slug: 'kinh-te', title: 'Bản tin - Kinh tế', description: 'Kinh tế.', include: { topics: ['kinh-te', 'thi-truong'], sources: [] } }, 'kinh-te.yaml'),
      ...extraFeeds.map((f) => feed(f, `${String(f.slug)}.yaml`)),
    ],
    taxonomy: { ...taxonomyFileSchema.parse(parseYaml(readFileSync(path.join(ROOT, 'config/taxonomy.yaml'), 'utf8'))), file: 'taxonomy.yaml' },
  };
}

export interface Replica {
  app: Hono;
  cache: RenderCache<Cached>;
  subscriber: RedisClient;
  /** Resolves once this replica has applied the next change message touching `stream`. */
  changeSeen(stream: Stream): Promise<void>;
  stop(): Promise<void>;
}

export interface ServeStack {
  store: ArticleStore;
  client: RedisClient;
  replica(env?: Record<string, string>, ready?: boolean): Promise<Replica>;
}

export function settingsFor(env: Record<string, string> = {}): Settings {
  return readSettings({ BANTIN_PUBLIC_URL: 'https://bantin.example', ...env });
}

/**
 * On a cluster a plain PUBLISH reaches a subscriber on another node over the cluster bus, a moment after the
 * publisher had its answer: a replica just subscribed may still be told of changes made before it started, and
 * render again for them. Each master is sent an empty change, which arrives behind everything published there
 * before; once all have arrived, nothing older is on its way.
 */
async function caughtUp(cache: RenderCache<Cached>, client: RedisClient): Promise<void> {
  const masters = masterNodes(client);
  let pending = masters.length;
  const arrived = new Promise<void>((resolve) => {
    const off = cache.onChange((streams) => {
      if (streams.length > 0 || --pending > 0) return;
      off();
      resolve();
    });
  });
  await Promise.all(masters.map((m) => m.publish(keys(PREFIX).changes, '[]')));
  await arrived;
}

/** `client`: the store's connection, when a test needs one set up as the serve role sets it up. */
export function serveStack(redis: TestRedis, options: { client?: RedisClient } = {}): ServeStack {
  const client = options.client ?? redis.client();
  const store = createRedisStore({ redis: client, prefix: PREFIX, log: silentLogger() });
  return {
    store,
    client,
    async replica(env = {}, ready = true) {
      const subscriber = redis.client();
      const cache = createRenderCache<Cached>({ subscriber, prefix: PREFIX, log: silentLogger() });
      await cache.start();
      if (redis.cluster !== null) await caughtUp(cache, client);
      const app = createApp({
        store,
        config: testConfig(),
        settings: settingsFor(env),
        clock: new ManualClock(Date.parse('2026-02-01T00:00:00+07:00')),
        log: silentLogger(),
        ready: async () => ({ ok: ready, checks: { redis: ready } }),
        cache,
      });
      return {
        app,
        cache,
        subscriber,
        changeSeen(stream) {
          return new Promise((resolve) => {
            const off = cache.onChange((streams) => {
              if (streams.some((s) => JSON.stringify(s) === JSON.stringify(stream))) {
                off();
                resolve();
              }
            });
          });
        },
        stop: () => cache.stop(),
      };
    },
  };
}
