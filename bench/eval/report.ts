/**
 * What eval:generic prints: per corpus its metric for bantin and for the
 * Readability.js baseline next to the figures the corpus publishes, the
 * refusals grouped by reason, the misses to look at, and one summary table.
 */
import type { Corpus } from './corpora.js';
import { addCounts, bodyScores, NO_COUNTS, reasonGroup, snippetScores, type SnippetCounts } from './metrics.js';
import type { PageResult } from './score.js';
import type { Timing } from './timing.js';

/** What each corpus's maintainers publish, to read ours against. */
const PUBLISHED: Record<Corpus['kind'], string> = {
  scrapinghub: 'published F1 (README.rst): readability_js 0.947, trafilatura 2.0.0 0.958, rs_trafilatura 0.970',
  trafilatura: 'published F1 (docs/evaluation.rst, 990 documents): trafilatura 2.2.0 standard 0.924, readability-lxml 0.826',
  htmldate: 'published accuracy (docs/evaluation.rst, 1000 pages): htmldate extensive 0.903, fast 0.861, newspaper4k 0.680',
};

export interface SummaryRow {
  corpus: string;
  pages: number;
  bodyF1: string;
  snippetF1: string;
  dateAccuracy: string;
  refused: number;
  timing: string;
}

const f3 = (n: number): string => (Number.isFinite(n) ? n.toFixed(3) : '–');
const pct = (a: number, b: number): string => (b === 0 ? '–' : f3(a / b));
const pad = (s: string | number, n: number): string => String(s).padEnd(n);

function countBy<T>(items: readonly T[], keyOf: (item: T) => string | null): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function printHistogram(entries: readonly [string, number][], indent = '    '): void {
  for (const [key, n] of entries) console.log(`${indent}${String(n).padStart(4)}  ${key}`);
}

export function refusedCount(results: readonly PageResult[]): number {
  return results.filter((r) => r.bantin.refused !== null).length;
}

/** Refusals by reason group, then crashes (a thrown error that is not a refusal) by message. */
function printRefusals(results: readonly PageResult[]): void {
  const refused = countBy(results, (r) => (r.bantin.refused === null ? null : reasonGroup(r.bantin.refused)));
  console.log(`  refused by bantin: ${refusedCount(results)} of ${results.length}`);
  printHistogram(refused);
  const crashed = countBy(results, (r) => r.bantin.crashed);
  if (crashed.length > 0) {
    console.log(`  CRASHED (threw something other than NotAnArticleError): ${results.filter((r) => r.bantin.crashed).length}`);
    printHistogram(crashed);
  }
}

function printDateSources(results: readonly PageResult[]): void {
  const sources = countBy(results, (r) => r.bantin.dateFrom);
  console.log(`  extraction.publishedAt on accepted pages: ${sources.map(([k, n]) => `${k} ${n}`).join(', ') || '–'}`);
}

export function printHeader(corpus: Corpus): void {
  console.log(`\n== ${corpus.name}: ${corpus.pages.length} pages (${corpus.dir}) ==`);
  for (const note of corpus.notes) console.log(`  ${note}`);
  if (corpus.missing.length > 0) console.log(`  ${corpus.missing.length} annotated pages have no HTML file in the checkout; skipped (first: ${corpus.missing[0]})`);
}

// --- body: article-extraction-benchmark

export function printBody(corpus: Corpus, results: readonly PageResult[], opts: { verbose: boolean; rescored: string | null }): string {
  const line = (name: string, side: 'bantin' | 'readability'): number => {
    const pages = results.map((r) => r.body?.[side]).filter((b) => b !== undefined);
    if (pages.length === 0) return NaN;
    const s = bodyScores(pages);
    const exact = pages.filter((b) => b.exact).length / pages.length;
    console.log(`  ${pad(name, 26)} F1 ${f3(s.f1)}   precision ${f3(s.precision)}   recall ${f3(s.recall)}   exact ${f3(exact)}`);
    return s.f1;
  };
  console.log('  body, 4-gram shingles scored as evaluate.py (a refused page predicts ""):');
  const b = line('bantin generic', 'bantin');
  const r = line('Readability.js (linkedom)', 'readability');
  console.log(`  ${PUBLISHED[corpus.kind]}`);
  if (opts.rescored) console.log(`  metric check: ${opts.rescored}`);
  printRefusals(results);
  printDateSources(results);
  if (opts.verbose) printWorstBodies(results);
  return Number.isNaN(r) ? f3(b) : `${f3(b)} (${f3(r)})`;
}

function printWorstBodies(results: readonly PageResult[]): void {
  const worst = [...results].sort((a, b) => (a.body?.bantin.f1 ?? 0) - (b.body?.bantin.f1 ?? 0)).slice(0, 25);
  console.log('  worst 25 pages by bantin page F1 (page F1 = 2PR/(P+R) of that page; Readability.js page F1 after it):');
  for (const r of worst) {
    const rb = r.body?.readability ? ` rdb ${f3(r.body.readability.f1)}` : '';
    const why = r.bantin.refused ?? r.bantin.crashed;
    console.log(`    ${f3(r.body?.bantin.f1 ?? 0)}${rb}  P ${f3(r.body?.bantin.precision ?? 0)} R ${f3(r.body?.bantin.recall ?? 0)}  ${r.key.slice(0, 12)}  ${r.url}${why ? `  [${why}]` : ''}`);
  }
}

// --- snippets: trafilatura

function snippetTotal(results: readonly PageResult[], side: 'bantin' | 'readability'): SnippetCounts | null {
  const pages = results.map((r) => r.snippets?.[side]).filter((s) => s !== undefined);
  return pages.length === 0 ? null : pages.reduce<SnippetCounts>(addCounts, NO_COUNTS);
}

export function printSnippets(corpus: Corpus, results: readonly PageResult[], opts: { verbose: boolean }): string {
  const line = (name: string, side: 'bantin' | 'readability'): number => {
    const total = snippetTotal(results, side);
    if (total === null) return NaN;
    const s = snippetScores(total);
    console.log(`  ${pad(name, 26)} F1 ${f3(s.f1)}   precision ${f3(s.precision)}   recall ${f3(s.recall)}   accuracy ${f3(s.accuracy)}   (tp ${total.tp} fp ${total.fp} fn ${total.fn} tn ${total.tn})`);
    return s.f1;
  };
  const withs = results.reduce((n, r) => n + (r.snippets ? r.snippets.bantin.tp + r.snippets.bantin.fn : 0), 0);
  const withouts = results.reduce((n, r) => n + (r.snippets ? r.snippets.bantin.fp + r.snippets.bantin.tn : 0), 0);
  console.log(`  snippets scored as tests/evaluate.py: ${withs} "with" (must be in the text), ${withouts} "without" (must not):`);
  const b = line('bantin generic', 'bantin');
  const r = line('Readability.js (linkedom)', 'readability');
  console.log(`  ${PUBLISHED[corpus.kind]}`);
  printRefusals(results);
  printDateSources(results);
  if (opts.verbose) printWorstSnippets(results);
  return Number.isNaN(r) ? f3(b) : `${f3(b)} (${f3(r)})`;
}

function printWorstSnippets(results: readonly PageResult[]): void {
  const errors = (r: PageResult): number => (r.snippets ? r.snippets.bantin.fn + r.snippets.bantin.fp : 0);
  const worst = results.filter((r) => errors(r) > 0).sort((a, b) => errors(b) - errors(a)).slice(0, 25);
  console.log(`  worst 25 pages by missed + leaked snippets (of ${results.filter((r) => errors(r) > 0).length} with any):`);
  for (const r of worst) {
    const s = r.snippets!.bantin;
    const why = r.bantin.refused ?? r.bantin.crashed;
    console.log(`    missed ${s.fn}/${s.tp + s.fn} leaked ${s.fp}/${s.fp + s.tn}  ${r.key}  ${r.url}${why ? `  [${why}]` : ''}`);
    for (const m of s.missing.slice(0, 2)) console.log(`        missing: ${JSON.stringify(m.slice(0, 80))}`);
    for (const l of s.leaked.slice(0, 2)) console.log(`        leaked:  ${JSON.stringify(l.slice(0, 80))}`);
  }
}

// --- dates

/** Date accuracy over the pages that carry an expected day (all of htmldate; some of trafilatura). */
export function printDates(corpus: Corpus, results: readonly PageResult[], opts: { misses: number }): string {
  const dated = results.filter((r) => r.date !== undefined);
  if (dated.length === 0) return '–';
  const by = (o: string): number => dated.filter((r) => r.date!.outcome === o).length;
  const hits = by('hit');
  const refused = by('refused');
  const accepted = dated.length - refused;
  const noneExpected = dated.filter((r) => r.date!.expected === null).length;
  const scope = corpus.kind === 'htmldate' ? '' : ` (the ${dated.length} pages whose annotation has a date)`;
  console.log(`  publication day${scope}: a hit when publishedAt falls on the expected day in some offset UTC−12…UTC+14`);
  console.log(`  bantin generic: ${hits} / ${dated.length} hits = ${pct(hits, dated.length)} over all pages, ${pct(hits, accepted)} over the ${accepted} accepted`);
  console.log(`    no date found (first-seen): ${by('no-date')}   wrong date: ${by('wrong')}   refused: ${refused}`);
  if (noneExpected > 0) console.log(`    ${noneExpected} pages have no date in the corpus (NaN): a hit when bantin finds none`);
  if (corpus.kind === 'htmldate') {
    console.log(`  ${PUBLISHED.htmldate}`);
    printRefusals(dated);
    printDateSources(dated);
  }
  const misses = dated.filter((r) => r.date!.outcome !== 'hit');
  const shown = misses.slice(0, opts.misses);
  console.log(`  first ${shown.length} of ${misses.length} misses (expected, got, extraction.publishedAt, key, url; --json has them all):`);
  for (const r of shown) {
    const got = r.bantin.publishedAt ?? (r.bantin.refused !== null ? 'refused' : r.bantin.crashed !== null ? 'crashed' : 'no date');
    const why = r.bantin.refused ?? r.bantin.crashed;
    console.log(`    ${pad(r.date!.expected ?? 'none', 10)}  ${pad(got, 25)}  ${pad(r.bantin.dateFrom ?? '–', 10)}  ${r.key}  ${r.url}${why ? `  [${why}]` : ''}`);
  }
  return corpus.kind === 'htmldate' ? `${pct(hits, dated.length)} (${pct(hits, accepted)} of accepted)` : `${pct(hits, dated.length)} (${dated.length} dated pages)`;
}

// --- timing and summary

export function printTiming(t: Timing, over: string): string {
  console.log(`\n== timing: ${t.pages} pages of ${over}, ${t.warmup} warm-up passes, median of ${t.rounds} interleaved rounds per page ==`);
  console.log('  from gunzipped bytes; decoding (decodeHtml) included in both');
  const row = (name: string, s: Timing['bantin']): void =>
    console.log(`  ${pad(name, 42)} median ${s.median.toFixed(2)} ms   p95 ${s.p95.toFixed(2)} ms   whole set ${s.total.toFixed(0)} ms`);
  row('bantin readArticle (generic)', t.bantin);
  row('Readability.js (linkedom parse + parse())', t.readability);
  console.log(`  ratio bantin / Readability.js: median ${t.ratio.toFixed(2)}, whole set ${t.totalRatio.toFixed(2)} (target ≤ 1.0)`);
  return `${t.ratio.toFixed(2)} (median; ${t.totalRatio.toFixed(2)} total)`;
}

export function printSummary(rows: readonly SummaryRow[], readability: boolean): void {
  const vs = readability ? ' (Readability.js)' : '';
  console.log('\n== summary (paste into README) ==');
  console.log(`| corpus | pages | body F1${vs} | snippet F1${vs} | date accuracy | refused | timing bantin / Readability.js |`);
  console.log('|---|---:|---|---|---|---:|---|');
  for (const r of rows) console.log(`| ${r.corpus} | ${r.pages} | ${r.bodyF1} | ${r.snippetF1} | ${r.dateAccuracy} | ${r.refused} | ${r.timing} |`);
}
