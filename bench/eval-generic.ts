/**
 * bantin's generic extraction (no site profile) on public pages nobody on the
 * team wrote, next to Readability.js alone:
 *
 *   npm run eval:generic -- <corpus folder>... [--verbose] [--only KEY]
 *       [--json FILE] [--no-timing] [--no-readability] [--rounds N]
 *
 * Each folder is a checkout of one of (layout auto-detected, see eval/corpora.ts):
 *   scrapinghub/article-extraction-benchmark  body F1 as its evaluate.py scores it
 *   adbar/trafilatura                         with/without snippets as its tests/evaluate.py
 *   adbar/htmldate                            publication-day accuracy
 * The corpora stay outside the repository (corpus/ is git-ignored); none of
 * their text is copied here.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus, pageBytes, type Corpus, type Page } from './eval/corpora.js';
import { bodyScores, shingleMatch } from './eval/metrics.js';
import { printBody, printDates, printHeader, printSnippets, printSummary, printTiming, refusedCount, type SummaryRow } from './eval/report.js';
import { scorePage, type PageResult } from './eval/score.js';
import { timePages, type TimedPage } from './eval/timing.js';

const USAGE = 'usage: npm run eval:generic -- <corpus folder>... [--verbose] [--only KEY] [--json FILE] [--no-timing] [--no-readability] [--rounds N]';
const MISSES_SHOWN = 15;
const WARMUP_PASSES = 2;

const { values: opts, positionals: folders } = parseArgs({
  allowPositionals: true,
  options: {
    verbose: { type: 'boolean', default: false },
    only: { type: 'string' },
    json: { type: 'string' },
    'no-timing': { type: 'boolean', default: false },
    'no-readability': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '5' },
  },
});
if (folders.length === 0) {
  console.error(USAGE);
  process.exit(2);
}
const withReadability = !opts['no-readability'];
const rounds = Number(opts.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`--rounds: want a whole number ≥ 1, got ${opts.rounds}`);
  process.exit(2);
}

/** Progress only on a terminal, so a redirected report holds the report alone. */
function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${message}\x1b[K`);
}

/**
 * The benchmark ships the outputs it published; re-scoring Readability.js's
 * with our metric and getting their figure back shows the metric is theirs.
 */
async function rescorePublished(corpus: Corpus): Promise<string | null> {
  const file = path.join(corpus.dir, 'output', 'readability_js.json');
  if (corpus.kind !== 'scrapinghub' || !existsSync(file)) return null;
  const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  const output = (data.output ?? data) as Record<string, { articleBody?: string }>;
  const matches = corpus.pages.map((p) => shingleMatch(p.kind === 'scrapinghub' ? p.body : '', output[p.key]?.articleBody ?? ''));
  return `their output/readability_js.json (jsdom) re-scored here: F1 ${bodyScores(matches).f1.toFixed(3)}`;
}

async function scoreCorpus(corpus: Corpus): Promise<PageResult[]> {
  const results: PageResult[] = [];
  for (const [i, page] of corpus.pages.entries()) {
    progress(`${corpus.name}: ${i + 1}/${corpus.pages.length}`);
    results.push((await scorePage(page, { readability: withReadability })).result);
  }
  progress('');
  return results;
}

async function reportCorpus(corpus: Corpus, results: PageResult[]): Promise<SummaryRow> {
  printHeader(corpus);
  const row: SummaryRow = { corpus: corpus.name, pages: results.length, bodyF1: '–', snippetF1: '–', dateAccuracy: '–', refused: refusedCount(results), timing: '–' };
  const verbose = opts.verbose;
  if (corpus.kind === 'scrapinghub') row.bodyF1 = printBody(corpus, results, { verbose, rescored: await rescorePublished(corpus) });
  if (corpus.kind === 'trafilatura') row.snippetF1 = printSnippets(corpus, results, { verbose });
  row.dateAccuracy = printDates(corpus, results, { misses: MISSES_SHOWN });
  return row;
}

/** --only: one page's texts side by side, to see why it scores as it does. */
async function showOnly(corpora: Corpus[], key: string): Promise<void> {
  const matches = (p: Page): boolean => p.key === key || p.url === key || (key.length >= 8 && p.key.startsWith(key));
  const pages = corpora.flatMap((c) => c.pages.filter(matches));
  if (pages.length === 0) {
    console.error(`--only ${key}: no page has that key, file name or URL`);
    process.exit(2);
  }
  for (const page of pages) {
    const { result, bantinText, readabilityText } = await scorePage(page, { readability: withReadability });
    console.log(`== ${page.kind} ${page.key}\n   ${page.url}\n   ${page.file}`);
    console.log(JSON.stringify({ bantin: result.bantin, body: result.body, snippets: result.snippets, date: result.date }, null, 2));
    console.log(`\n== bantin contentText (${bantinText.length} chars) ==\n${bantinText}`);
    if (page.kind === 'scrapinghub') console.log(`\n== expected articleBody (${page.body.length} chars) ==\n${page.body}`);
    if (page.kind === 'trafilatura') console.log(`\n== expected ==\nwith:    ${JSON.stringify(page.with)}\nwithout: ${JSON.stringify(page.without)}\ndate:    ${page.date}`);
    if (page.kind === 'htmldate') console.log(`\n== expected ==\ndate: ${page.date}   got: ${result.bantin.publishedAt} (${result.bantin.dateFrom})`);
    if (readabilityText !== null) console.log(`\n== Readability.js textContent (${readabilityText.length} chars) ==\n${readabilityText}`);
  }
}

/** Timing runs over the article-extraction-benchmark pages when given (the published speed comparisons use them), else over everything. */
async function timing(corpora: Corpus[], rows: SummaryRow[]): Promise<void> {
  if (opts['no-timing'] || !withReadability) {
    if (!opts['no-timing']) console.log('\n(timing skipped: it is a ratio to Readability.js, and --no-readability is set)');
    return;
  }
  const bench = corpora.find((c) => c.kind === 'scrapinghub');
  const timed = bench ? [bench] : corpora;
  const pages: TimedPage[] = [];
  for (const c of timed) for (const p of c.pages) pages.push({ url: p.url, body: await pageBytes(p) });
  progress(`timing ${pages.length} pages…`);
  const t = timePages(pages, { rounds, warmup: WARMUP_PASSES });
  progress('');
  const cell = printTiming(t, timed.map((c) => c.name).join(' + '));
  for (const row of rows) if (timed.some((c) => c.name === row.corpus)) row.timing = cell;
}

const corpora = await Promise.all(folders.map((f) => loadCorpus(path.resolve(f)))).catch((error: unknown) => {
  console.error(`eval:generic: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
if (opts.only !== undefined) {
  await showOnly(corpora, opts.only);
  process.exit(0);
}

const version = (pkg: string): string => (createRequire(import.meta.url)(`${pkg}/package.json`) as { version: string }).version;
console.log(
  `bantin eval:generic: readArticle with no source (generic extraction) against @mozilla/readability ${version('@mozilla/readability')} over linkedom ${version('linkedom')}`,
);
const rows: SummaryRow[] = [];
const allResults: PageResult[] = [];
for (const corpus of corpora) {
  const results = await scoreCorpus(corpus);
  allResults.push(...results);
  rows.push(await reportCorpus(corpus, results));
}
await timing(corpora, rows);
if (opts.json !== undefined) {
  await writeFile(opts.json, `${JSON.stringify(allResults, null, 1)}\n`);
  console.log(`\nper-page results: ${opts.json} (${allResults.length} pages)`);
}
printSummary(rows, withReadability);
