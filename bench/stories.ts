/**
 * Story grouping measured on a labelled corpus generated from real
 * Vietnamese news text (tests/support/story-corpus.ts), stored through the
 * real store into a private redis-server:
 *
 *   npm run bench:stories -- [corpus/vi-news/articles.jsonl] [--sweep]
 *
 * The JSONL holds one real article a line ({id, title, category, source, text});
 * README "Stories" says where ours came from. It stays out of git (corpus/).
 * Articles of one `category` are different stories about one event: before the
 * corpus is generated, an article that repeats another almost word for word
 * (distinct-word overlap ≥ LABEL_OVERLAP, a republication the dataset itself
 * holds) is set aside, so the labels are only the generated copies; those
 * real republications are then checked on their own.
 * `--sweep` prints exact-Jaccard precision/recall per shingle size and
 * threshold, and LSH candidate recall per band count: how the constants in
 * src/store/story-fingerprint.ts were chosen.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { silentLogger } from '../src/core/log.js';
import { startRedisServer } from '../src/redis/server.js';
import { createRedisStore, type ArticleStore } from '../src/store/index.js';
import { shingleSet, STORY_TUNING, fingerprint, jaccard } from '../src/store/story-fingerprint.js';
import { makeArticle } from '../tests/support/articles.js';
import { pairScores, shuffled, storyCorpus, type LabelledArticle, type SourceText } from '../tests/support/story-corpus.js';
import { median, quantile } from './stats.js';

const LABEL_OVERLAP = 0.8;
const REAL_COPY_OVERLAP = 0.9;
const MIN_WORDS = 150;
const SOURCES = ['kinhtedothi', 'phapluatxahoi', 'thitruongtaichinh'];
/** `"storyId":"0123456789abcdef",` in every record. */
const STORY_ID_FIELD_BYTES = 28;

const lineSchema = z.object({ id: z.string(), title: z.string().nullable(), category: z.string().nullable(), source: z.string().nullable(), text: z.string() });

const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: { sweep: { type: 'boolean', default: false } } });
const file = positionals[0] ?? 'corpus/vi-news/articles.jsonl';

const wordSet = (t: string): Set<string> => new Set(t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}

async function loadTexts(): Promise<{ kept: SourceText[]; realCopies: [SourceText, SourceText][] }> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  const all: SourceText[] = lines.map((l, i) => {
    const r = lineSchema.safeParse(JSON.parse(l));
    if (!r.success) throw new Error(`${file}:${i + 1}: ${r.error.issues[0]?.message ?? 'invalid'}`);
    return { id: r.data.id, group: r.data.category ?? r.data.id, title: (r.data.title ?? r.data.id).replace(/\s+-\s+[^-]+$/, ''), text: r.data.text };
  });
  const words = new Map(all.map((t) => [t.id, wordSet(t.text)]));
  const kept: SourceText[] = [];
  const realCopies: [SourceText, SourceText][] = [];
  for (const t of all) {
    const w = words.get(t.id) as Set<string>;
    if ((t.text.match(/\S+/g) ?? []).length < MIN_WORDS) continue;
    // Across groups too: the dataset files some republications under two events (Ngoisao.net's copy of a VnExpress story).
    const twin = kept.find((k) => overlap(words.get(k.id) as Set<string>, w) >= LABEL_OVERLAP);
    if (twin) {
      if (overlap(words.get(twin.id) as Set<string>, w) >= REAL_COPY_OVERLAP) realCopies.push([twin, t]);
      continue;
    }
    kept.push(t);
  }
  return { kept, realCopies };
}

function sweep(items: LabelledArticle[]): void {
  console.log('\nexact Jaccard of shingle sets (no LSH): precision / recall per threshold');
  for (const words of [3, 4, 5]) {
    const sets = items.map((a) => shingleSet(`${a.lead}\n${a.body}`, words));
    const pairs: { same: boolean; j: number }[] = [];
    for (let i = 0; i < items.length; i++) {
      for (let k = i + 1; k < items.length; k++) pairs.push({ same: items[i]?.story === items[k]?.story, j: jaccard(sets[i] as Uint32Array, sets[k] as Uint32Array) });
    }
    const row = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7].map((t) => {
      const tp = pairs.filter((p) => p.same && p.j >= t).length;
      const fp = pairs.filter((p) => !p.same && p.j >= t).length;
      const all = pairs.filter((p) => p.same).length;
      return `≥${t}: ${(tp / Math.max(1, tp + fp)).toFixed(3)}/${(tp / all).toFixed(3)}`;
    });
    const sameMin = pairs.reduce((m, p) => (p.same ? Math.min(m, p.j) : m), 1);
    const diffMax = pairs.reduce((m, p) => (p.same ? m : Math.max(m, p.j)), 0);
    console.log(`  ${words}-word shingles  ${row.join('  ')}  (lowest same-story ${sameMin.toFixed(3)}, highest different-story ${diffMax.toFixed(3)})`);
  }
  console.log('LSH: share of same-story pairs sharing at least one band');
  for (const bands of [4, 6, 8, 10, 12]) {
    const fps = items.map((a) => fingerprint(`${a.lead}\n${a.body}`, { ...STORY_TUNING, bands }).bands);
    let same = 0;
    let hit = 0;
    let diffHit = 0;
    let hit2 = 0;
    let diffHit2 = 0;
    for (let i = 0; i < items.length; i++) {
      for (let k = i + 1; k < items.length; k++) {
        const shared = (fps[i] as string[]).filter((b) => (fps[k] as string[]).includes(b)).length;
        if (items[i]?.story === items[k]?.story) {
          same++;
          if (shared >= 1) hit++;
          if (shared >= 2) hit2++;
        } else {
          if (shared >= 1) diffHit++;
          if (shared >= 2) diffHit2++;
        }
      }
    }
    console.log(
      `  ${bands} bands: one shared: ${(hit / same).toFixed(3)} of same-story pairs, ${diffHit} different-story pairs to compare; two shared: ${(hit2 / same).toFixed(3)}, ${diffHit2}`,
    );
  }
}

async function ingest(store: ArticleStore, items: LabelledArticle[], offset: number): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [n, a] of items.entries()) {
    const article = makeArticle(offset + n, {
      url: `https://bench.example/${encodeURIComponent(a.key)}.html`,
      source: SOURCES[n % SOURCES.length] as string,
      title: a.title,
      lead: a.lead,
      contentText: a.body,
      contentHtml: a.body
        .split('\n\n')
        .map((p) => `<p>${p}</p>`)
        .join(''),
    });
    await store.upsert(article);
    ids.set(a.key, article.id);
  }
  return ids;
}

async function storyBytes(redis: Redis, prefix: string): Promise<number> {
  let total = 0;
  for (const pattern of [`${prefix}:story:*`, `${prefix}:idx:story:*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) total += Number((await redis.memory('USAGE', key)) ?? 0);
    } while (cursor !== '0');
  }
  return total;
}

async function main(): Promise<void> {
  const { kept, realCopies } = await loadTexts();
  const items = shuffled(storyCorpus(kept), 7);
  const stories = new Set(items.map((a) => a.story)).size;
  const groups = new Set(items.map((a) => a.group)).size;
  console.log(`corpus: ${items.length} articles (${kept.length} real originals in ${groups} event groups, ${items.length - kept.length} generated copies), ${stories} stories; ${file}`);
  console.log(
    `tuning: ${STORY_TUNING.shingleWords}-word shingles, ${STORY_TUNING.bands} one-row MinHash bands (two shared to compare), Jaccard ≥ ${STORY_TUNING.threshold} or containment ≥ ${STORY_TUNING.containment} of a text of ≥ ${STORY_TUNING.minContained} shingles, texts of ≥ ${STORY_TUNING.minShingles} shingles`,
  );
  if (opts.sweep) sweep(items);

  const work = await mkdtemp(path.join(os.tmpdir(), 'bantin-bench-stories-'));
  const server = await startRedisServer({ listen: { port: 0 }, dir: work, appendonly: false });
  const redis = new Redis(server.url, { lazyConnect: false });
  try {
    const assignMs: number[] = [];
    const upsertMs: number[] = [];
    const prefix = 'bench-stories';
    const store = createRedisStore({ redis, prefix, log: silentLogger(), onStoryAssigned: (ms) => assignMs.push(ms) });
    const timed: ArticleStore = { ...store, upsert: async (a, o) => {
      const t = performance.now();
      const r = await store.upsert(a, o);
      upsertMs.push(performance.now() - t);
      return r;
    } };
    const ids = await ingest(timed, items, 0);
    const storyOf = new Map<string, string>();
    for (const [key, id] of ids) storyOf.set(key, (await store.get(id))?.storyId ?? id);
    const scores = pairScores(items, (key) => storyOf.get(key) as string);
    for (const [a, b] of scores.falsePairs.slice(0, 5)) console.log(`  grouped but different: ${a} ~ ${b}`);
    for (const [a, b] of scores.missedPairs.slice(0, 5)) {
      const ea = items.find((x) => x.key === a)?.edits.join('+') || 'original';
      const eb = items.find((x) => x.key === b)?.edits.join('+') || 'original';
      console.log(`  missed: ${a} (${ea}) ~ ${b} (${eb})`);
    }
    console.log(`pairs: ${scores.truePairs} same-story, ${scores.predictedPairs} grouped`);
    console.log(`pairwise precision: ${scores.precision.toFixed(3)} (target ≥ 0.97)`);
    console.log(`pairwise recall: ${scores.recall.toFixed(3)} (target ≥ 0.95)`);
    const cpuStarted = performance.now();
    for (const a of items) fingerprint(`${a.lead}\n${a.body}`);
    const cpuMs = (performance.now() - cpuStarted) / items.length;
    console.log(
      `story assignment per article added: median ${median(assignMs).toFixed(3)} ms, p95 ${quantile(assignMs, 0.95).toFixed(3)} ms, mean ${(assignMs.reduce((s, x) => s + x, 0) / assignMs.length).toFixed(3)} ms (target < 1 ms); of it, the fingerprint ${cpuMs.toFixed(3)} ms of CPU, the rest Redis round trips; whole upsert median ${median(upsertMs).toFixed(3)} ms`,
    );

    if (realCopies.length > 0) {
      const real = realCopies.flatMap(([a, b], i): LabelledArticle[] =>
        [a, b].map((t, j) => {
          const [lead = '', ...body] = t.text.split(/\n\s*\n/);
          return { key: `real${i}-${j}`, story: `real${i}`, group: t.group, title: t.title, lead, body: body.join('\n\n'), edits: [] };
        }),
      );
      const realStore = createRedisStore({ redis, prefix: 'bench-real', log: silentLogger() });
      const realIds = await ingest(realStore, real, items.length);
      let grouped = 0;
      for (let i = 0; i < realCopies.length; i++) {
        const a = await realStore.get(realIds.get(`real${i}-0`) as string);
        const b = await realStore.get(realIds.get(`real${i}-1`) as string);
        if (a && b && a.storyId === b.storyId) grouped++;
      }
      console.log(`real republications in the dataset (distinct-word overlap ≥ ${REAL_COPY_OVERLAP}, set aside above): ${grouped} of ${realCopies.length} pairs grouped`);
    }

    const bytes = (await storyBytes(redis, prefix)) + STORY_ID_FIELD_BYTES * items.length;
    console.log(`redis bytes for stories per article: ${(bytes / items.length).toFixed(0)} (target < 300; bands, counters, story indexes and the storyId field)`);
  } finally {
    await redis.quit();
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
