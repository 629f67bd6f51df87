/**
 * One broken source does not stop the others: `bantin crawl --once` over a
 * config with a good source and copies of it pointed at broken sites: one
 * whose pages all answer 500 (robots.txt still served), one answering 500
 * to everything including robots.txt (which RFC 9309 reads as "disallow
 * all"), and one that is down. The good source's articles are stored, each
 * broken one is reported with its failure class and backs off alone, and
 * the exit code says something failed.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { articleSchema } from '../../src/core/article.js';
import { silentLogger } from '../../src/core/log.js';
import { freePort } from '../../src/redis/server.js';
import { createCrawlStateStore, createRedisStore } from '../../src/store/index.js';
import { bantin } from '../support/cli.js';
import { configFor, ROOT, type ConfigCopy } from '../support/config-copy.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const PREFIX = 'iso';
/** Each broken source and the class its run must be reported with (one feed and three listings, each failing). */
const BROKEN: [string, string][] = [
  ['mirror-500', 'http-5xx'],
  ['mirror-all-500', 'robots-denied'],
  ['mirror-down', 'refused'],
];
let redis: TestRedis;
let site: FixtureSite;
let broken: http.Server;
let brokenAll: http.Server;
let config: ConfigCopy;

/** Copy the (fixture-pointed) Kinhtedothi source under another id and origin. */
async function copySource(id: string, origin: string, file: string): Promise<void> {
  const dir = path.join(config.configDir, 'sources');
  const yaml = (await readFile(path.join(dir, 'kinhtedothi.yaml'), 'utf8'))
    .replace(/^id: kinhtedothi$/m, `id: ${id}`)
    .replace(/^baseUrl: .*$/m, `baseUrl: ${origin}`)
    // The copy's profile cases are the original's: checked once is enough.
    .replace(/\n {2}cases:[\s\S]*$/, '\n');
  await writeFile(path.join(dir, file), yaml);
}

/** A site answering 500 to every page; with `robots`, its robots.txt still answers (allow all). */
async function serve500({ robots }: { robots: boolean }): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (robots && req.url === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nAllow: /\n');
      return;
    }
    res.writeHead(500, { 'content-type': 'text/html' });
    res.end('<html><body>500</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const originOf = (server: http.Server): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  redis = await startTestRedis();
  site = await startFixtureSite(path.join(ROOT, 'tests/fixtures/site'));
  broken = await serve500({ robots: true });
  brokenAll = await serve500({ robots: false });
  config = await configFor(site.origin);
  const sources = path.join(config.configDir, 'sources');
  // The sister sites point at the real network: out of a hermetic test.
  await rm(path.join(sources, 'phapluatxahoi.yaml'));
  await rm(path.join(sources, 'thitruongtaichinh.yaml'));
  // Named to sort first, so the good source runs after the broken ones.
  await copySource('mirror-500', originOf(broken), 'a-mirror-500.yaml');
  await copySource('mirror-all-500', originOf(brokenAll), 'b-mirror-all-500.yaml');
  await copySource('mirror-down', `http://127.0.0.1:${await freePort()}`, 'c-mirror-down.yaml');
});
afterAll(async () => {
  for (const s of [broken, brokenAll]) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  await site.close();
  await redis.stop();
  await config.remove();
});

it('crawl --once stores the good source, reports each broken one with its class, and exits 1', async () => {
  const result = await bantin(['crawl', '--once'], {
    REDIS_URL: redis.url,
    BANTIN_CONFIG: config.configDir,
    BANTIN_FEEDS: config.feedsDir,
    BANTIN_REDIS_PREFIX: PREFIX,
    BANTIN_ALLOW_PRIVATE_NETWORKS: '1',
  });
  expect(result.code).toBe(1);
  const summary = (id: string): string => result.stdout.split('\n').find((l) => l.startsWith(`${id}: `) && / in \d/.test(l)) ?? `(no summary line for ${id} in:\n${result.stdout})`;
  for (const [id, failure] of BROKEN) {
    expect(summary(id)).toMatch(new RegExp(`^${id}: failed: discovered 0, .* \\(${failure}=4\\) in [\\d.]+s: discovery failed: `));
  }
  expect(summary('kinhtedothi')).toMatch(/^kinhtedothi: ok: discovered 2, fetched 2, new 2, updated 0, unchanged 0, failed 0 in /);

  const store = createRedisStore({ redis: redis.client(), prefix: PREFIX, log: silentLogger() });
  const stored = await store.list({ streams: [{ kind: 'all' }], limit: 10 });
  expect(stored.map((a) => articleSchema.parse(a).source)).toEqual(['kinhtedothi', 'kinhtedothi']);
  expect(await store.count({ kind: 'source', id: 'mirror-500' })).toBe(0);

  // Each broken source backs off on its own; the good one does not.
  const state = createCrawlStateStore({ redis: redis.client(), prefix: PREFIX });
  for (const [id, failure] of BROKEN) {
    const s = await state.get(id);
    expect(s.lastRun?.status, id).toBe('failed');
    expect(s.lastRun?.reason, id).toContain(`(${failure})`);
    expect(s.consecutiveFailures, id).toBe(1);
    expect(s.backoffUntil, id).not.toBeNull();
  }
  const good = await state.get('kinhtedothi');
  expect(good).toMatchObject({ consecutiveFailures: 0, backoffUntil: null, lastRun: { status: 'ok', counts: { new: 2 } } });
}, 60_000);
