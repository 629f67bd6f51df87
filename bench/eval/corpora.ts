/**
 * The three public corpora eval:generic reads, recognised by their layout.
 * Each page keeps only its path; the bytes are read when the page is scored,
 * so a thousand pages are never all in memory at once.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isDay } from './metrics.js';

export type CorpusKind = 'scrapinghub' | 'trafilatura' | 'htmldate';

interface PageBase {
  /** What --only and the per-page JSON name it by: the benchmark's key, the file name otherwise. */
  key: string;
  url: string;
  file: string;
}

/** article-extraction-benchmark: the article body as their annotators read it. */
export interface BodyPage extends PageBase {
  kind: 'scrapinghub';
  body: string;
}

/** trafilatura evaldata.json: snippets that must and must not be in the text; a day when annotated. */
export interface SnippetPage extends PageBase {
  kind: 'trafilatura';
  with: string[];
  without: string[];
  date: string | null;
}

/** htmldate eval_*.json: the publication day; null where the corpus says the page has none. */
export interface DatePage extends PageBase {
  kind: 'htmldate';
  date: string | null;
  set: string;
}

export type Page = BodyPage | SnippetPage | DatePage;

export interface Corpus {
  kind: CorpusKind;
  /** Its name in the report. */
  name: string;
  dir: string;
  pages: Page[];
  /** Annotated pages whose HTML file is not in the checkout. */
  missing: string[];
  /** Annotations that cannot be scored as given, for the report. */
  notes: string[];
}

export const CORPUS_NAMES: Record<CorpusKind, string> = {
  scrapinghub: 'article-extraction-benchmark',
  trafilatura: 'trafilatura evaldata',
  htmldate: 'htmldate eval',
};

/** Python's json.dump writes NaN for a missing date, which JSON.parse refuses. */
async function readPythonJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  return JSON.parse(text.replace(/:\s*NaN\b/gu, ': null'));
}

/** The first of `dirs` (in the corpus's own lookup order) that holds `file`. */
function resolveIn(root: string, dirs: readonly string[], file: string): string | null {
  for (const dir of dirs) {
    const candidate = path.join(root, dir, file);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

async function loadScrapinghub(dir: string): Promise<Corpus> {
  const truth = (await readPythonJson(path.join(dir, 'ground-truth.json'))) as Record<string, { articleBody?: string; url: string }>;
  const pages: Page[] = [];
  const missing: string[] = [];
  for (const [key, item] of Object.entries(truth)) {
    const file = path.join(dir, 'html', `${key}.html.gz`);
    if (!existsSync(file)) missing.push(key);
    else pages.push({ kind: 'scrapinghub', key, url: item.url, file, body: item.articleBody ?? '' });
  }
  return { kind: 'scrapinghub', name: CORPUS_NAMES.scrapinghub, dir, pages, missing, notes: [] };
}

async function loadTrafilatura(dir: string): Promise<Corpus> {
  const tests = path.join(dir, 'tests');
  type Item = { file: string; with: string[]; without: string[]; date?: string | null };
  const data = (await readPythonJson(path.join(tests, 'evaldata.json'))) as Record<string, Item>;
  const pages: Page[] = [];
  const missing: string[] = [];
  const badDays: string[] = [];
  for (const [url, item] of Object.entries(data)) {
    // eval_common.resolve looks in cache/ first, then eval/.
    const file = resolveIn(tests, ['cache', 'eval'], item.file);
    const date = item.date || null;
    if (date !== null && !isDay(date)) badDays.push(date);
    if (file === null) missing.push(item.file);
    else pages.push({ kind: 'trafilatura', key: item.file, url, file, with: item.with, without: item.without, date: date !== null && isDay(date) ? date : null });
  }
  const notes = badDays.length > 0 ? [`${badDays.length} annotated dates are no calendar day (${badDays.join(', ')}); those pages are not scored for their date`] : [];
  return { kind: 'trafilatura', name: CORPUS_NAMES.trafilatura, dir, pages, missing, notes };
}

const HTMLDATE_SETS = ['eval_default.json', 'eval_mediacloud_2020.json'];

async function loadHtmldate(dir: string): Promise<Corpus> {
  const tests = path.join(dir, 'tests');
  const pages: Page[] = [];
  const missing: string[] = [];
  const badDays: string[] = [];
  const sets: string[] = [];
  for (const set of HTMLDATE_SETS.filter((s) => existsSync(path.join(tests, s)))) {
    const data = (await readPythonJson(path.join(tests, set))) as Record<string, { file: string; date: string | null }>;
    for (const [url, item] of Object.entries(data)) {
      // evaluation.load_document looks in test_set/, cache/, then eval/.
      const file = resolveIn(tests, ['test_set', 'cache', 'eval'], item.file);
      const date = item.date || null;
      if (file === null) missing.push(item.file);
      else if (date !== null && !isDay(date)) badDays.push(date);
      else pages.push({ kind: 'htmldate', key: item.file, url, file, date, set });
    }
    sets.push(`${set} ${Object.keys(data).length}`);
  }
  // Here a page's date is the whole point: one whose day is unreadable is left out rather than scored as "no date".
  const notes = [`pages: ${sets.join(' + ')}`, ...(badDays.length > 0 ? [`${badDays.length} annotated dates are no calendar day (${badDays.join(', ')}); those pages are left out`] : [])];
  return { kind: 'htmldate', name: CORPUS_NAMES.htmldate, dir, pages, missing, notes };
}

/** Which corpus `dir` is, from the files only that layout has. */
export async function loadCorpus(dir: string): Promise<Corpus> {
  const has = (p: string): boolean => existsSync(path.join(dir, p));
  if (has('ground-truth.json') && has('html')) return loadScrapinghub(dir);
  if (has('tests/evaldata.json')) return loadTrafilatura(dir);
  if (HTMLDATE_SETS.some((s) => has(`tests/${s}`))) return loadHtmldate(dir);
  throw new Error(`${dir}: not a known corpus layout (want ground-truth.json + html/, tests/evaldata.json, or tests/eval_default.json)`);
}

/** The page as it was saved: gunzipped when the corpus stores it gzipped. */
export async function pageBytes(page: Page): Promise<Buffer> {
  const raw = await readFile(page.file);
  return page.file.endsWith('.gz') ? gunzipSync(raw) : raw;
}
