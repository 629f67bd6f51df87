/**
 * `npm run bench:store`: what an article costs in Redis, and what reading
 * it back costs, in the store's own layout (src/store/record-codec.ts).
 *
 *   npm run bench:store -- [--sizes 10000,300000] [--corpus corpus/vi-news/articles.jsonl]
 *                          [--body-kb 4,15] [--fill pipeline|upsert] [--workers 3] [--concurrency 32] [--rounds 7]
 *
 * For each size: a private redis-server filled with the store's own upsert
 * script and story band writes (records, indexes, URL maps, stories:
 * store-fill.ts, pipelined by child processes; `--fill upsert` goes through
 * the store's upsert itself, story look-ups included, at ~150/s) with
 * articles of 4–15 KB bodies recombined from real Vietnamese sentences
 * (bench/store-articles.ts: the fixture texts, or the JSONL corpus given);
 * then Redis used_memory per article, all in and by part (MEMORY USAGE of
 * each key), and, through the real serve app with no render cache (every
 * request renders: cold), the median time of a 50-item topic feed, of an
 * archive page of it (?before=, halfway down the topic) and of a `?q=` that
 * matches nothing (the worst case: a page reads all 2,000 records a search
 * may read). The same requests are measured, interleaved in the same run,
 * with the records they read rewritten as earlier versions stored them
 * (plain JSON, "today"), so the two reading paths are compared on one
 * machine at one moment. At sizes up to 20,000 it also rewrites every record
 * as JSON and measures used_memory again: what the old layout cost.
 * First, the codecs compared on bodies of the same kind: the store's
 * deflate with its preset dictionary against deflate alone and brotli.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { Redis } from 'ioredis';
import { systemClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/log.js';
import { readSettings } from '../src/config/index.js';
import { feedFileSchema } from '../src/config/feed-schema.js';
import { sourceFileSchema } from '../src/config/source-schema.js';
import { startRedisServer } from '../src/redis/server.js';
import { createApp } from '../src/serve/index.js';
import { createRedisStore, decodeRecord, keys, type ArticleStore } from '../src/store/index.js';
import type { Article } from '../src/core/article.js';
import { bodyBytes, deflateBody, inflateBody } from '../src/store/record-codec.js';
import { RECORD_DICTIONARY_BASE64 } from '../src/store/record-dictionary.js';
import { median } from './stats.js';
import { fillInChildren } from './store-fill.js';
import { articleMaker, corpusSentences, fixtureSentences, type ArticleMaker } from './store-articles.js';
import { MEMORY_PARTS, memoryByPart, usedMemory } from './store-memory.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const PREFIX = 'bench';
const TOPIC = 'ha-noi';
const FEED = `/topics/${TOPIC}.rss?limit=50`;
/** A word in no article: the search reads every record it may (2,000) before giving up on the page. */
const Q_MISS = 'khongcotunaytrongbai';
const OLD_LAYOUT_MAX = 20_000;
const SEED = 11;

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,300000' },
    corpus: { type: 'string' },
    concurrency: { type: 'string', default: '32' },
    fill: { type: 'string', default: 'pipeline' },
    workers: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '7' },
    'body-kb': { type: 'string', default: '4,15' },
  },
});
const sizes = (opts.sizes ?? '').split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 1000)) throw new Error(`--sizes: whole numbers ≥ 1000, got ${opts.sizes ?? ''}`);
const concurrency = Number(opts.concurrency);
const rounds = Number(opts.rounds);
const [bodyMinKb, bodyMaxKb] = (opts['body-kb'] ?? '').split(',').map(Number) as [number, number];
if (opts.fill !== 'upsert' && opts.fill !== 'pipeline') throw new Error('--fill: upsert or pipeline');

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;
const ms = (x: number): string => `${x.toFixed(1)} ms`;

function compareCodecs(maker: ArticleMaker): void {
  const sample = Array.from({ length: 1500 }, (_, i) => maker.article(10_000_000 + i));
  // Every codec on the same bytes: the body as the store lays it out before deflate (record-codec.ts).
  const raw = sample.map((a) => bodyBytes(a));
  const dictionary = Buffer.from(RECORD_DICTIONARY_BASE64, 'base64');
  const brotli = (q: number) => (b: Buffer) =>
    zlib.brotliCompressSync(b, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: q, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length },
    });
  // Each timed from the record to its body's text and back: the others get the layout-2 body (UTF-8), the
  // store's own its syllable codes, so both the encoding of the text and its decoding are in the figures.
  const text = (b: Buffer): string => b.toString('utf8', 8);
  const codecs: [string, (i: number) => Buffer, (b: Buffer) => unknown][] = [
    ['syllable codes + deflate 6 + dictionary (the store)', (i) => deflateBody(sample[i] as Article), (b) => inflateBody(b)],
    ['deflate 6 + preset dictionary (layout 2)', (i) => zlib.deflateRawSync(bodyBytes(sample[i] as Article), { level: 6, dictionary }), (b) => text(zlib.inflateRawSync(b, { dictionary }))],
    ['deflate 6, no dictionary', (i) => zlib.deflateRawSync(bodyBytes(sample[i] as Article), { level: 6 }), (b) => text(zlib.inflateRawSync(b))],
    ['brotli 4', (i) => brotli(4)(bodyBytes(sample[i] as Article)), (b) => text(zlib.brotliDecompressSync(b))],
    ['brotli 5', (i) => brotli(5)(bodyBytes(sample[i] as Article)), (b) => text(zlib.brotliDecompressSync(b))],
  ];
  const rawAvg = raw.reduce((s, b) => s + b.length, 0) / raw.length;
  const htmlAvg = sample.reduce((s, a) => s + Buffer.byteLength(a.contentHtml), 0) / sample.length;
  console.log(`codecs, on ${sample.length} record bodies (contentHtml ${kb(htmlAvg)} on average; the part of a record compressed ${kb(rawAvg)}):`);
  for (const [name, compress, decompress] of codecs) {
    compress(0);
    const t0 = performance.now();
    const out = raw.map((_, i) => compress(i));
    const compressUs = ((performance.now() - t0) / raw.length) * 1000;
    decompress(out[0] as Buffer);
    const t1 = performance.now();
    for (const b of out) decompress(b);
    const decompressUs = ((performance.now() - t1) / raw.length) * 1000;
    const avg = out.reduce((s, b) => s + b.length, 0) / out.length;
    console.log(`  ${name.padEnd(44)} ${kb(avg).padStart(9)}  (${((avg / rawAvg) * 100).toFixed(1)}%)  compress ${compressUs.toFixed(0)} µs, decompress ${decompressUs.toFixed(0)} µs`);
  }
  const noText = sample.map((a) => deflateBody({ ...a, contentText: '' }).length).reduce((s, x) => s + x, 0) / sample.length;
  const withText = sample.map((a) => deflateBody(a).length).reduce((s, x) => s + x, 0) / sample.length;
  console.log(`  contentText stored costs ${kb(withText - noText)} a record compressed (${(((withText - noText) / noText) * 100).toFixed(1)}%): it repeats contentHtml within deflate's window`);
}

function appFor(store: ArticleStore) {
  const sources = ['kinhtedothi', 'phapluatxahoi', 'thitruongtaichinh'].map((id) => ({
    ...sourceFileSchema.parse({ id, name: id, baseUrl: `https://${id}.vn`, schedule: { cron: '*/15 * * * *' }, discovery: { feeds: [`https://${id}.vn/rss/home.rss`] }, profile: {} }),
    file: 'bench',
  }));
  return createApp({
    store,
    config: {
      sources,
      feeds: [{ ...feedFileSchema.parse({ slug: 'all', title: 'Tất cả', description: 'Mọi bài', include: 'all' }), file: 'bench' }],
      taxonomy: { categories: [], file: 'bench' },
    },
    settings: readSettings({ BANTIN_PUBLIC_URL: 'https://bantin.example' }),
    clock: systemClock,
    log: silentLogger(),
    ready: async () => ({ ok: true, checks: {} }),
  });
}

/** Through the store's upsert (`--fill upsert`), or its upsert script pipelined in child processes (store-fill.ts, the default). */
async function fill(store: ArticleStore, maker: ArticleMaker, n: number, redisUrl: string): Promise<number> {
  const started = performance.now();
  let tenth = 0;
  const report = (i: number): void => {
    if (Math.floor((i * 10) / n) <= tenth) return;
    tenth = Math.floor((i * 10) / n);
    process.stderr.write(`  filled ${i}/${n} (${((i / (performance.now() - started)) * 1000).toFixed(0)}/s)\n`);
  };
  if (opts.fill === 'upsert') {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) {
          const i = next++;
          await store.upsert(maker.article(i));
          report(i);
        }
      }),
    );
  } else {
    const spec = { redisUrl, prefix: PREFIX, root: ROOT, corpus: opts.corpus ?? null, seed: SEED, minBytes: bodyMinKb * 1024, maxBytes: bodyMaxKb * 1024, n };
    await fillInChildren(spec, Number(opts.workers), report);
  }
  return (performance.now() - started) / 1000;
}

/** Every record the measured requests read: the topic's newest, the archive page's, and the other copies of their stories. */
async function recordsRead(redis: Redis, archiveRank: number): Promise<string[]> {
  const k = keys(PREFIX);
  const idx = k.index({ kind: 'topic', slug: TOPIC });
  const ids = new Set([...(await redis.zrevrange(idx, 0, 2300)), ...(await redis.zrevrange(idx, Math.max(0, archiveRank - 20), archiveRank + 80))]);
  const values = await redis.mgetBuffer([...ids].map((id) => k.article(id)));
  const stories = new Set<string>();
  values.forEach((v, i) => {
    const a = decodeRecord(k.article([...ids][i] as string), v);
    if (a && a.storyId !== a.id) stories.add(a.storyId);
    if (a) stories.add(a.id);
  });
  for (const s of stories) for (const m of await redis.zrange(k.index({ kind: 'story', id: s }), '0', '-1')) ids.add(m);
  return [...ids];
}

async function timed(app: ReturnType<typeof createApp>, url: string): Promise<number> {
  const t0 = performance.now();
  const res = await app.fetch(new Request(`https://bantin.example${url}`));
  await res.arrayBuffer();
  const took = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return took;
}

interface ReadTimes {
  feed: number;
  archive: number;
  q: number;
}

async function benchSize(n: number, maker: ArticleMaker): Promise<{ n: number; perArticle: number; now: ReadTimes; today: ReadTimes }> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'bantin-bench-store-'));
  const server = await startRedisServer({ listen: { port: 0 }, dir: work, appendonly: false });
  const redis = new Redis(server.url);
  try {
    const k = keys(PREFIX);
    const store = createRedisStore({ redis, prefix: PREFIX, log: silentLogger() });
    const empty = await usedMemory(redis);
    const fillS = await fill(store, maker, n, server.url);
    const used = (await usedMemory(redis)) - empty;
    const parts = await memoryByPart(redis, PREFIX);
    const counted = [...parts.values()].reduce((s, x) => s + x, 0);
    const how = opts.fill === 'upsert' ? "through the store's upsert" : `with the store's upsert script, pipelined by ${opts.workers ?? ''} processes`;
    console.log(`\n${n.toLocaleString('en')} articles (filled ${how} in ${fillS.toFixed(0)} s, ${(n / fillS).toFixed(0)}/s)`);
    console.log(`  redis used_memory per article: ${kb(used / n)} (${(used / 2 ** 20).toFixed(0)} MB in all)`);
    for (const p of MEMORY_PARTS) console.log(`    ${p.padEnd(28)} ${kb((parts.get(p) ?? 0) / n)}`);
    console.log(`    ${'keyspace tables, allocator'.padEnd(28)} ${kb((used - counted) / n)}`);

    const app = appFor(store);
    const idx = k.index({ kind: 'topic', slug: TOPIC });
    const inTopic = await redis.zcard(idx);
    const archiveRank = Math.floor(inTopic / 2);
    const [cursorId, cursorScore] = await redis.zrevrange(idx, archiveRank, archiveRank, 'WITHSCORES');
    const archive = `${FEED}&before=${cursorScore}-${cursorId}`;
    const search = `${FEED}&q=${Q_MISS}`;
    const ids = await recordsRead(redis, archiveRank);
    const current = await redis.mgetBuffer(ids.map((id) => k.article(id)));
    const asJson = current.map((v, i) => JSON.stringify(decodeRecord(k.article(ids[i] as string), v)));
    const setLayout = async (old: boolean): Promise<void> => {
      const p = redis.pipeline();
      ids.forEach((id, i) => p.set(k.article(id), old ? (asJson[i] as string) : (current[i] as Buffer)));
      await p.exec();
    };
    const times = { now: { feed: [] as number[], archive: [] as number[], q: [] as number[] }, today: { feed: [] as number[], archive: [] as number[], q: [] as number[] } };
    for (const url of [FEED, archive, search]) await timed(app, url);
    for (let r = 0; r < rounds; r++) {
      for (const variant of r % 2 === 0 ? (['today', 'now'] as const) : (['now', 'today'] as const)) {
        await setLayout(variant === 'today');
        await timed(app, FEED);
        for (let i = 0; i < 3; i++) times[variant].feed.push(await timed(app, FEED));
        for (let i = 0; i < 3; i++) times[variant].archive.push(await timed(app, archive));
        times[variant].q.push(await timed(app, search));
      }
    }
    await setLayout(false);
    const med = (t: { feed: number[]; archive: number[]; q: number[] }): ReadTimes => ({ feed: median(t.feed), archive: median(t.archive), q: median(t.q) });
    const now = med(times.now);
    const today = med(times.today);
    console.log(`  cold render, 50-item topic feed (${inTopic.toLocaleString('en')} in the topic): ${ms(now.feed)}; the same records as plain JSON (today): ${ms(today.feed)} (${((now.feed / today.feed - 1) * 100).toFixed(1)}%)`);
    console.log(`  cold render, archive page halfway down it:  ${ms(now.archive)}; today: ${ms(today.archive)} (${((now.archive / today.archive - 1) * 100).toFixed(1)}%)`);
    console.log(`  ?q= matching nothing (2,000 records read): ${ms(now.q)}; today: ${ms(today.q)} (${((now.q / today.q - 1) * 100).toFixed(1)}%)`);

    if (n <= OLD_LAYOUT_MAX) {
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', `${PREFIX}:article:*`, 'COUNT', 1000);
        cursor = next;
        const values = await redis.mgetBuffer(found);
        const p = redis.pipeline();
        values.forEach((v, i) => p.set(found[i] as string, JSON.stringify(decodeRecord(found[i] as string, v))));
        await p.exec();
      } while (cursor !== '0');
      const oldUsed = (await usedMemory(redis)) - empty;
      console.log(`  the same store with every record as plain JSON (the layout before): ${kb(oldUsed / n)} per article`);
    }
    return { n, perArticle: used / n, now, today };
  } finally {
    await redis.quit();
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sentences = opts.corpus ? corpusSentences(opts.corpus) : fixtureSentences(ROOT);
  console.log(`bodies from ${sentences.length.toLocaleString('en')} distinct sentences of ${opts.corpus ?? 'tests/fixtures'}, recombined per article (seeded)`);
  const maker = articleMaker(sentences, SEED, { minBytes: bodyMinKb * 1024, maxBytes: bodyMaxKb * 1024 });
  compareCodecs(maker);
  const results = [];
  for (const n of sizes) results.push(await benchSize(n, maker));
  const [small] = results;
  const large = results.at(-1);
  if (small && large && large !== small) {
    console.log(
      `\n${large.n.toLocaleString('en')} against ${small.n.toLocaleString('en')}: feed ${((large.now.feed / small.now.feed - 1) * 100).toFixed(1)}%, archive page ${((large.now.archive / small.now.archive - 1) * 100).toFixed(1)}%, ?q= ${((large.now.q / small.now.q - 1) * 100).toFixed(1)}% (target: feed and archive within 10%)`,
    );
  }
  console.log(`redis bytes per article: ${Math.round(Math.max(...results.map((r) => r.perArticle)))}`);
}

await main();
