/**
 * npm run bench:serve [-- --sizes=10000,100000 --duration=10 --rounds=5]
 *
 * For each store size: a private redis-server filled with that many
 * articles, the real serve stack in a child process, and a bare node:http
 * server in another child returning the same gzip bytes from memory. With
 * autocannon (50 connections, after a warm-up) it measures the 50-item
 * full-content topic feed with gzip (200), the same answered 304, and the
 * bare server, in interleaved rounds, and prints requests/s, p99 and the
 * ratios to the bare server (median and range over the rounds), plus the
 * time to render the feed cold. Figures are ratios within one round:
 * absolute numbers on a shared 2-core machine mean little.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { serve } from '@hono/node-server';
import { Redis } from 'ioredis';
import { articleSchema, EXTRACTED_FIELDS, type Article } from '../src/core/article.js';
import { systemClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/log.js';
import { toVnIso } from '../src/core/time.js';
import { readSettings } from '../src/config/index.js';
import { feedFileSchema } from '../src/config/feed-schema.js';
import { createMetrics } from '../src/metrics/index.js';
import { sourceFileSchema } from '../src/config/source-schema.js';
import { startRedisServer } from '../src/redis/server.js';
import { createApp, createRenderCache, type Cached } from '../src/serve/index.js';
import { createRedisStore } from '../src/store/index.js';
import { median } from './stats.js';

const self = fileURLToPath(import.meta.url);

interface CannonResult {
  requests: { average: number };
  latency: { p99: number };
  non2xx: number;
}
// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
}) => Promise<CannonResult>;
const PREFIX = 'bench';
const FEED = '/topics/ha-noi.rss?limit=50';
const PARAGRAPH =
  'Ủy viên T.Ư Đảng, Phó Bí thư Thường trực Thành ủy Hà Nội Ngô Thị Thanh Hằng đã có phát biểu tham luận về công tác xây dựng Đảng năm 2018 của Hà Nội tại Hội nghị này; trọng tâm là đánh giá cán bộ và đào tạo, bồi dưỡng cán bộ theo tiêu chuẩn chức danh.';

function article(n: number): Article {
  const url = `https://kinhtedothi.vn/bai-viet-${n}.html`;
  const topics = n % 5 === 0 ? ['ha-noi', 'chinh-tri'] : ['kinh-te'];
  return articleSchema.parse({
    id: createHash('sha256').update(url).digest('hex').slice(0, 16),
    url,
    source: 'kinhtedothi',
    title: `Bài viết số ${n}: Hà Nội tạo bước đột phá mới trong công tác cán bộ`,
    lead: `Sáng 18/1, Ban Tổ chức T.Ư đã tổ chức Hội nghị toàn quốc (bài ${n}).`,
    authors: ['Trần Long'],
    credits: [],
    attribution: null,
    publishedAt: toVnIso(Date.parse('2025-01-01T00:00:00+07:00') + n * 60_000),
    updatedAt: null,
    section: { name: 'Hà Nội', slug: 'ha-noi' },
    tags: [],
    topics,
    // About 8 KB of HTML per article, like a real news body.
    contentHtml: Array.from({ length: 24 }, (_, i) => `<p>${PARAGRAPH} (${n}.${i})</p>`).join(''),
    contentText: PARAGRAPH,
    images: [{ url: `https://static.kinhtedothi.vn/w960/images/upload/2025/01/01/anh-${n}.jpg`, caption: null }],
    language: 'vi',
    contentHash: createHash('sha256').update(String(n)).digest('hex'),
    fetchedAt: toVnIso(Date.parse('2025-01-01T00:00:00+07:00') + n * 60_000 + 5000),
    extraction: Object.fromEntries(EXTRACTED_FIELDS.map((f) => [f, 'profile'])),
  });
}

/** Child role: the real serve stack on a free port. */
async function runServer(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl);
  const subscriber = new Redis(redisUrl);
  const log = silentLogger();
  const metrics = createMetrics();
  const store = createRedisStore({ redis, prefix: PREFIX, log });
  const cache = createRenderCache<Cached>({ subscriber, prefix: PREFIX, log });
  await cache.start();
  const source = sourceFileSchema.parse({
    id: 'kinhtedothi',
    name: 'Kinh tế & Đô thị',
    baseUrl: 'https://kinhtedothi.vn',
    schedule: { cron: '*/15 * * * *' },
    discovery: { feeds: ['https://kinhtedothi.vn/rss/home.rss'] },
    profile: {},
  });
  const app = createApp({
    store,
    config: { sources: [{ ...source, file: 'bench' }], feeds: [{ ...feedFileSchema.parse({ slug: 'all', title: 'Tất cả', description: 'Mọi bài', include: 'all' }), file: 'bench' }], taxonomy: { categories: [], file: 'bench' } },
    settings: readSettings({ BANTIN_PUBLIC_URL: 'https://bantin.example' }),
    clock: systemClock,
    log,
    ready: async () => ({ ok: true, checks: {} }),
    cache,
    // Counted as the serve role counts them: the figures are those of the path production takes.
    onFeedRequest: (format, status) => metrics.feedRequest(format, status),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.send?.({ port: info.port }));
  process.on('disconnect', () => {
    // Proof the hot path never rendered: one render for the whole run.
    console.log(`serve child: ${JSON.stringify(cache.stats())}`);
    server.close();
    void cache
      .stop()
      .then(() => Promise.all([redis.quit(), subscriber.quit()]))
      .finally(() => process.exit(0));
  });
}

/** Child role: node:http returning the same gzip bytes and headers from memory. */
async function runBare(file: string, etag: string): Promise<void> {
  const body = await readFile(file);
  const headers = {
    'content-type': 'application/rss+xml; charset=utf-8',
    'content-encoding': 'gzip',
    'content-length': String(body.length),
    etag,
    'cache-control': 'public, max-age=60, stale-while-revalidate=300',
    vary: 'Accept-Encoding',
  };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
  process.on('disconnect', () => server.close(() => process.exit(0)));
}

function child(args: string[]): Promise<{ proc: ChildProcess; port: number }> {
  const proc = fork(self, args, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    proc.once('message', (m) => resolve({ proc, port: (m as { port: number }).port }));
    proc.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

interface Figures {
  rps: number;
  p99: number;
  non2xx: number;
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Figures> {
  const r = await autocannon({ url, connections: 50, duration: seconds, headers });
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx };
}

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
}

/**
 * Every target warmed up, then measured in interleaved rounds (the order
 * rotating each round) so that drift on a shared machine hits all of them
 * alike; each round's ratios are taken against that round's bare figure.
 */
async function measure(targets: Target[], seconds: number, rounds: number): Promise<{ rounds: Figures[][] }> {
  for (const t of targets) await load(t.url, t.headers, 2); // warm-up: JIT, connection pools, caches
  const out: Figures[][] = [];
  for (let r = 0; r < rounds; r++) {
    const figures: Figures[] = new Array<Figures>(targets.length);
    for (let k = 0; k < targets.length; k++) {
      const i = (k + r) % targets.length;
      const t = targets[i] as Target;
      figures[i] = await load(t.url, t.headers, seconds / rounds);
    }
    out.push(figures);
  }
  return { rounds: out };
}

async function fill(redisUrl: string, size: number): Promise<void> {
  const redis = new Redis(redisUrl);
  const store = createRedisStore({ redis, prefix: PREFIX, log: silentLogger() });
  const batch = 500;
  for (let n = 1; n <= size; n += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, size - n + 1) }, (_, i) => store.upsert(article(n + i))));
  }
  await redis.quit();
}

async function benchSize(size: number, seconds: number, rounds: number): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-bench-'));
  const redis = await startRedisServer({ listen: { port: 0 }, dir, appendonly: false });
  try {
    const t0 = performance.now();
    await fill(redis.url, size);
    const fillS = (performance.now() - t0) / 1000;
    const app = await child(['server', redis.url]);
    const base = `http://127.0.0.1:${app.port}`;
    const c0 = performance.now();
    const first = await fetch(`${base}${FEED}`, { headers: { 'accept-encoding': 'gzip' } });
    const bytes = Buffer.from(await first.arrayBuffer());
    const coldMs = performance.now() - c0;
    const etag = first.headers.get('etag') ?? '';
    const gzipFile = path.join(dir, 'feed.gz');
    // fetch decodes gzip: ask node:http for the raw bytes the server sends.
    const raw = await new Promise<Buffer>((resolve, reject) => {
      http.get(`${base}${FEED}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => resolve(Buffer.concat(parts)));
      }).on('error', reject);
    });
    await writeFile(gzipFile, raw);
    const bare = await child(['bare', gzipFile, etag]);

    const targets: Target[] = [
      { name: 'bantin 200 (gzip)', url: `${base}${FEED}`, headers: { 'accept-encoding': 'gzip' } },
      { name: 'bantin 304', url: `${base}${FEED}`, headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } },
      { name: 'bare node:http 200 (same gzip bytes)', url: `http://127.0.0.1:${bare.port}/`, headers: { 'accept-encoding': 'gzip' } },
    ];
    const BARE = 2;
    const { rounds: results } = await measure(targets, seconds, rounds);
    for (const c of [app.proc, bare.proc]) {
      const exited = new Promise((resolve) => c.once('exit', resolve));
      c.disconnect();
      await exited;
    }

    console.log(`\n## ${size.toLocaleString('en')} articles (store filled in ${fillS.toFixed(1)} s)`);
    console.log(`feed ${FEED}: ${(bytes.length / 1024).toFixed(0)} KB, ${(raw.length / 1024).toFixed(0)} KB gzip; cold render (Redis read + render + gzip + brotli) ${coldMs.toFixed(1)} ms`);
    console.log(`| path | req/s (median of ${rounds}) | p99 ms (worst) | ratio to bare (median) | ratio range | non-2xx |`);
    console.log('|---|---:|---:|---:|---:|---:|');
    targets.forEach((t, i) => {
      const per = results.map((round) => round[i] as Figures);
      const ratios = results.map((round) => (round[i] as Figures).rps / (round[BARE] as Figures).rps);
      const rps = median(per.map((f) => f.rps));
      const p99 = Math.max(...per.map((f) => f.p99));
      const non2xx = per.reduce((sum, f) => sum + f.non2xx, 0);
      console.log(
        `| ${t.name} | ${rps.toFixed(0)} | ${p99} | ${median(ratios).toFixed(2)} | ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} | ${non2xx} |`,
      );
    });
  } finally {
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [role, ...rest] = process.argv.slice(2);
  if (role === 'server') return runServer(rest[0] as string);
  if (role === 'bare') return runBare(rest[0] as string, rest[1] as string);
  const arg = (name: string, fallback: string): string =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
  const sizes = arg('sizes', '10000,100000').split(',').map(Number);
  const seconds = Number(arg('duration', '10'));
  const rounds = Number(arg('rounds', '5'));
  console.log(
    `bench:serve — autocannon, 50 connections, ${seconds} s per path in ${rounds} interleaved rounds after a 2 s warm-up, ${os.cpus().length} CPUs, node ${process.version}`,
  );
  for (const size of sizes) await benchSize(size, seconds, rounds);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
