/**
 * `npm run bench:retention -- [--n 10000] [--batch 200]`: what a retention
 * prune frees and what it costs. A private redis-server is filled with `n`
 * articles of 4–15 KB bodies (bench/store-articles.ts, through the store's
 * own upsert script), published 97 s apart; the prune runs with a clock that
 * puts half of them past a 30-day cutoff. For `trim` and for `drop` in turn
 * (each on a fresh fill): the dry run's figures, the real run's, the time
 * per 1,000 records looked at, and the store's memory against the same
 * store before the prune (the baseline of the same run): Redis used_memory
 * and MEMORY USAGE of the record keys.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { silentLogger } from '../src/core/log.js';
import { startRedisServer } from '../src/redis/server.js';
import { createRedisStore, keys, pruneSources, type PruneMode, type PrunePolicy, type PruneReport } from '../src/store/index.js';
import { queueUpsert } from '../src/store/upsert-command.js';
import { articleMaker, fixtureSentences } from './store-articles.js';
import { memoryByPart, usedMemory } from './store-memory.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const PREFIX = 'bench-retention';
const DAY = 86_400_000;
const DAYS = 30;
const SPACING_MS = 97_000;
const BASE_MS = Date.parse('2025-01-01T00:00:00+07:00');
const SOURCES = ['kinhtedothi', 'phapluatxahoi', 'thitruongtaichinh'];

const { values: opts } = parseArgs({ options: { n: { type: 'string', default: '10000' }, batch: { type: 'string', default: '200' } } });
const n = Number(opts.n);
const batch = Number(opts.batch);
if (!Number.isInteger(n) || n < 100) throw new Error(`--n: a whole number ≥ 100, got ${opts.n ?? ''}`);
if (!Number.isInteger(batch) || batch < 1) throw new Error(`--batch: a whole number ≥ 1, got ${opts.batch ?? ''}`);

const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;

async function fill(redis: Redis): Promise<void> {
  const maker = articleMaker(fixtureSentences(ROOT), 11);
  const k = keys(PREFIX);
  for (let from = 0; from < n; from += 200) {
    const pipeline = redis.pipeline();
    for (let i = from; i < Math.min(n, from + 200); i++) queueUpsert(pipeline, k, maker.article(i), []);
    for (const [err] of (await pipeline.exec()) ?? []) if (err) throw err;
  }
}

const total = (reports: PruneReport[], f: (r: PruneReport) => number): number => reports.reduce((s, r) => s + f(r), 0);

async function measure(redis: Redis, mode: PruneMode): Promise<void> {
  await redis.flushall();
  await fill(redis);
  // Half the articles are older than the cutoff.
  const now = BASE_MS + (n / 2) * SPACING_MS + DAYS * DAY;
  const policies: PrunePolicy[] = SOURCES.map((sourceId) => ({ sourceId, days: DAYS, mode }));
  const deps = { redis, prefix: PREFIX, store: createRedisStore({ redis, prefix: PREFIX, log: silentLogger() }), clock: { now: () => now }, batch };
  const usedBefore = await usedMemory(redis);
  const recordsBefore = (await memoryByPart(redis, PREFIX)).get('record') ?? 0;

  let started = performance.now();
  const dry = await pruneSources({ ...deps, dryRun: true }, policies);
  const dryMs = performance.now() - started;
  started = performance.now();
  const real = await pruneSources({ ...deps, dryRun: false }, policies);
  const realMs = performance.now() - started;

  const usedAfter = await usedMemory(redis);
  const recordsAfter = (await memoryByPart(redis, PREFIX)).get('record') ?? 0;
  const looked = total(real, (r) => r.looked);
  const done = total(real, (r) => (mode === 'trim' ? r.trimmed : r.dropped));
  console.log(`\n${mode}: ${n} articles, ${looked} past ${DAYS} days (batch ${batch})`);
  console.log(`  dry run:  would ${mode} ${total(dry, (r) => (mode === 'trim' ? r.trimmed : r.dropped))}, ${mb(total(dry, (r) => r.bytesFreed))} freed (${dry[0]?.bytes ?? ''}), ${(dryMs / (looked / 1000)).toFixed(0)} ms per 1,000 looked at`);
  console.log(`  real run: ${mode === 'trim' ? 'trimmed' : 'dropped'} ${done}, ${mb(total(real, (r) => r.bytesFreed))} freed (${real[0]?.bytes ?? ''}), ${(realMs / (looked / 1000)).toFixed(0)} ms per 1,000 looked at`);
  console.log(`  record keys (MEMORY USAGE): ${mb(recordsBefore)} before → ${mb(recordsAfter)} after (${((recordsAfter / recordsBefore) * 100).toFixed(1)} % of before), ${kb((recordsBefore - recordsAfter) / Math.max(1, done))} freed per article`);
  console.log(`  Redis used_memory: ${mb(usedBefore)} before → ${mb(usedAfter)} after (${((usedAfter / usedBefore) * 100).toFixed(1)} % of before)`);
  started = performance.now();
  const again = await pruneSources({ ...deps, dryRun: false }, policies);
  const againMs = performance.now() - started;
  console.log(`  run again: ${total(again, (r) => r.trimmed + r.dropped)} changed, ${total(again, (r) => r.alreadyTrimmed)} trimmed before, ${againMs.toFixed(0)} ms in all`);
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'bantin-bench-retention-'));
const server = await startRedisServer({ listen: { port: 0 }, dir, appendonly: false });
const redis = new Redis(server.url);
try {
  for (const mode of ['trim', 'drop'] as const) await measure(redis, mode);
} finally {
  await redis.quit();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
