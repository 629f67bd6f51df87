/**
 * Extraction quality and speed over the golden fixture pages:
 *   npm run eval:extract
 * Per field: exact-match accuracy (title, dates, authors, section, tags) and
 * token F1 of contentText against the reviewed goldens. Speed: extract +
 * normalize per page after warm-up, median and p95, and as a ratio to a
 * baseline measured in the same run (a plain parse5 `cheerio.load` of the
 * same page), since absolute times on shared machines are noise.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { load } from 'cheerio';
import { loadSourceFile, type SourceConfig } from '../src/config/index.js';
import { decodeHtml } from '../src/extract/index.js';
import { pageEntries, PAGES_DIR, runPage, SOURCES_DIR, type PageEntry } from '../tests/extract/pages.js';
import { quantile } from './stats.js';

const EXACT = ['title', 'lead', 'publishedAt', 'updatedAt', 'authors', 'attribution', 'section', 'tags', 'topics', 'images', 'url'] as const;
const WARMUP = 20;
const RUNS = 60;

function tokens(text: string): string[] {
  return text.normalize('NFC').toLocaleLowerCase('vi').split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');
}

function tokenF1(actual: string, expected: string): number {
  const want = new Map<string, number>();
  for (const t of tokens(expected)) want.set(t, (want.get(t) ?? 0) + 1);
  const got = tokens(actual);
  let overlap = 0;
  for (const t of got) {
    const left = want.get(t) ?? 0;
    if (left > 0) {
      overlap++;
      want.set(t, left - 1);
    }
  }
  const expectedCount = tokens(expected).length;
  if (overlap === 0 || got.length === 0 || expectedCount === 0) return got.length === expectedCount ? 1 : 0;
  const precision = overlap / got.length;
  const recall = overlap / expectedCount;
  return (2 * precision * recall) / (precision + recall);
}

function time(fn: () => unknown): number[] {
  for (let i = 0; i < WARMUP; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

const entries = await pageEntries();
const sources = new Map<string, SourceConfig>();
for (const e of entries) if (e.profile && !sources.has(e.source)) sources.set(e.source, await loadSourceFile(path.join(SOURCES_DIR, `${e.source}.yaml`)));

const fieldHits = new Map<string, { profiled: [number, number]; generic: [number, number] }>();
const f1: { name: string; profiled: boolean; f1: number }[] = [];
const timing = { profiled: [] as number[], generic: [] as number[], baseline: [] as number[] };
let rejectedOk = 0;
let rejectedTotal = 0;

for (const entry of entries as PageEntry[]) {
  const bytes = await readFile(path.join(PAGES_DIR, `${entry.name}.html`));
  const expected = JSON.parse(await readFile(path.join(PAGES_DIR, `${entry.name}.expected.json`), 'utf8')) as Record<string, unknown>;
  const source = entry.profile ? (sources.get(entry.source) ?? null) : null;
  const actual = runPage(bytes, entry, source) as Record<string, unknown>;
  if ('error' in expected) {
    rejectedTotal++;
    if (actual.error === expected.error) rejectedOk++;
    continue;
  }
  const kind = entry.profile ? 'profiled' : 'generic';
  for (const field of EXACT) {
    const hits = fieldHits.get(field) ?? { profiled: [0, 0], generic: [0, 0] };
    hits[kind][1]++;
    if (isDeepStrictEqual(actual[field], expected[field])) hits[kind][0]++;
    else console.log(`  miss ${entry.name} ${field}: ${JSON.stringify(actual[field])} != ${JSON.stringify(expected[field])}`);
    fieldHits.set(field, hits);
  }
  f1.push({ name: entry.name, profiled: entry.profile, f1: tokenF1(String(actual.contentText ?? ''), String(expected.contentText)) });

  const html = decodeHtml(bytes, null);
  timing[kind].push(...time(() => runPage(bytes, entry, source)));
  timing.baseline.push(...time(() => load(html)));
}

console.log('\nField accuracy (exact match)        profiled    no profile');
for (const [field, { profiled, generic }] of fieldHits) {
  const pct = ([hit, all]: [number, number]): string => (all === 0 ? '   -   ' : `${((100 * hit) / all).toFixed(0).padStart(3)}% ${hit}/${all}`.padEnd(11));
  console.log(`  ${field.padEnd(34)}${pct(profiled)} ${pct(generic)}`);
}
console.log(`  rejected as not-an-article        ${rejectedOk}/${rejectedTotal}`);
console.log('\nBody token F1 (contentText)');
for (const r of f1) console.log(`  ${r.name.padEnd(34)}${r.f1.toFixed(3)}${r.profiled ? '' : '  (no profile)'}`);
const minGeneric = Math.min(...f1.filter((r) => !r.profiled).map((r) => r.f1));
console.log(`  min over no-profile pages: ${minGeneric.toFixed(3)} (target >= 0.95)`);

console.log(`\nTime per page, extract + normalize (${WARMUP} warm-up, ${RUNS} runs per page)`);
const baselineMedian = quantile([...timing.baseline].sort((a, b) => a - b), 0.5);
for (const kind of ['profiled', 'generic'] as const) {
  const sorted = [...timing[kind]].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  console.log(
    `  ${kind.padEnd(9)} median ${median.toFixed(2)} ms  p95 ${quantile(sorted, 0.95).toFixed(2)} ms  = ${(median / baselineMedian).toFixed(2)}x a parse5 cheerio.load of the page`,
  );
}
console.log(`  baseline  median ${baselineMedian.toFixed(2)} ms (cheerio.load with parse5, same pages)`);
