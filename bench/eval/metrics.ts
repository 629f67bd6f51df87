/**
 * The scoring rules of the public corpora `npm run eval:generic` reads,
 * re-implemented exactly so bantin's figures can stand next to the figures
 * those projects publish. Pure functions only: tests/bench/eval-metrics.test.ts
 * checks them on hand-made inputs without running the eval.
 */

// ---------------------------------------------------------------------------
// scrapinghub/article-extraction-benchmark, evaluate.py

/**
 * Python's `re.findall(r'\w+', text)` on str: a word character is alphanumeric
 * (any letter or number category) or `_`. Case is kept: their IGNORECASE flag
 * changes nothing for `\w`.
 */
const WORD = /[\p{L}\p{N}_]+/gu;

export function wordTokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * 4-gram shingles with their counts. As in `_ngrams`, a text shorter than n
 * tokens is one shorter shingle, and an empty text has none. Tokens hold no
 * spaces, so joining with one is a faithful key for the Python tuple.
 */
export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = wordTokens(text);
  const counts = new Map<string, number>();
  const starts = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < starts; i++) {
    const shingle = tokens.slice(i, i + n);
    if (shingle.length === 0) continue;
    const key = shingle.join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** One page's shingle matches, divided by their sum so a long page weighs no more than a short one. */
export interface PageMatch {
  tp: number;
  fp: number;
  fn: number;
}

export function shingleMatch(truth: string, pred: string, n = 4): PageMatch {
  const want = shingles(truth, n);
  const got = shingles(pred, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...want.keys(), ...got.keys()])) {
    const t = want.get(key) ?? 0;
    const p = got.get(key) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
    fn += Math.max(0, t - p);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

export function precisionScore({ tp, fp, fn }: PageMatch): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

export function recallScore({ tp, fp, fn }: PageMatch): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

/** One page's F1 from its own precision and recall: for ranking the worst pages, not part of their metric. */
export function pageF1(match: PageMatch): number {
  const p = precisionScore(match);
  const r = recallScore(match);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** evaluate.py's `get_accuracy`: the token lists are equal. */
export function exactMatch(truth: string, pred: string): boolean {
  const a = wordTokens(truth);
  const b = wordTokens(pred);
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

export interface BodyScores {
  f1: number;
  precision: number;
  recall: number;
}

/**
 * `metrics_from_tp_fp_fns`: precision is the mean over pages that predicted
 * something (tp + fp > 0), recall the mean over pages that expected something
 * (tp + fn > 0), and F1 is taken of the two means, not averaged per page.
 */
export function bodyScores(matches: readonly PageMatch[]): BodyScores {
  const precision = mean(matches.filter((m) => m.tp + m.fp > 0).map(precisionScore));
  const recall = mean(matches.filter((m) => m.tp + m.fn > 0).map(recallScore));
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { f1, precision, recall };
}

// ---------------------------------------------------------------------------
// adbar/trafilatura, tests/eval_common.py

/** Python's `str.isspace()` set; JS `\s` differs (it has U+FEFF, lacks U+001C–U+001F and U+0085). */
// eslint-disable-next-line no-control-regex -- the separators U+001C–U+001F are whitespace to Python
const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/gu;

/** `norm`: `re.sub(r"\s+", " ", text).strip()`. */
export function pyNorm(text: string): string {
  return text.replace(PY_SPACE, ' ').replace(/^ | $/gu, '');
}

export interface SnippetCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/**
 * `count_item`: a "with" snippet found in the output (both whitespace
 * normalized, case kept) is a true positive, missing a false negative; a
 * "without" snippet found is a false positive, absent a true negative. No
 * output at all (a refusal) finds nothing.
 */
export function countSnippets(item: { with: readonly string[]; without: readonly string[] }, output: string | null): SnippetCounts {
  const text = output === null ? null : pyNorm(output);
  const found = (s: string): boolean => text !== null && text.includes(pyNorm(s));
  const tp = item.with.filter(found).length;
  const fp = item.without.filter(found).length;
  return { tp, fp, fn: item.with.length - tp, tn: item.without.length - fp };
}

export function addCounts(a: SnippetCounts, b: SnippetCounts): SnippetCounts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn, tn: a.tn + b.tn };
}

export const NO_COUNTS: SnippetCounts = { tp: 0, fp: 0, fn: 0, tn: 0 };

export interface SnippetScores {
  precision: number;
  recall: number;
  accuracy: number;
  f1: number;
}

/** `ConfusionMatrix.scores`: over all snippets of all pages; each 0 when its denominator is. */
export function snippetScores({ tp, fp, fn, tn }: SnippetCounts): SnippetScores {
  const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  return {
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    accuracy: ratio(tp + tn, tp + tn + fp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
  };
}

// ---------------------------------------------------------------------------
// adbar/htmldate, tests/eval_*.json: a calendar day per page

const HOUR = 3_600_000;

/** A real calendar day as YYYY-MM-DD (annotations hold a few like `2022-29-11`). */
export function isDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}

/**
 * The instants that fall on `day` (YYYY-MM-DD) in some UTC offset between
 * −12:00 and +14:00: from its 00:00 at +14:00 to its 24:00 at −12:00. The
 * corpus gives the day as the page shows it, in the site's zone, which we do
 * not know; bantin gives an instant (rendered at +07:00).
 */
export function dayWindow(day: string): { start: number; end: number } {
  if (!isDay(day)) throw new Error(`not a YYYY-MM-DD day: ${day}`);
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  return { start: midnightUtc - 14 * HOUR, end: midnightUtc + 24 * HOUR + 12 * HOUR };
}

export function dateHit(iso: string, day: string): boolean {
  const t = Date.parse(iso);
  const { start, end } = dayWindow(day);
  return !Number.isNaN(t) && t >= start && t < end;
}

export type DateOutcome = 'hit' | 'wrong' | 'no-date' | 'refused';

/**
 * One page's date result. `publishedAt` null means bantin found no date (its
 * `first-seen` fallback). A page whose expected day is null has no date to
 * find: finding none is the hit there.
 */
export function dateOutcome(expected: string | null, got: { refused: boolean; publishedAt: string | null }): DateOutcome {
  if (got.refused) return 'refused';
  if (got.publishedAt === null) return expected === null ? 'hit' : 'no-date';
  if (expected === null) return 'wrong';
  return dateHit(got.publishedAt, expected) ? 'hit' : 'wrong';
}

// ---------------------------------------------------------------------------
// refusals

/**
 * A refusal reason's group: its text before any quote or digits, so
 * `listing page: 41 links make up 55% of the text` and `… 12 links …` count
 * together. A reason that starts with a number (`404 page ("…")`) keeps it.
 */
export function reasonGroup(reason: string): string {
  const head = /^\d*[^\d"'“”‘’«»]*/u.exec(reason)?.[0] ?? reason;
  return head.replace(/[\s(:,;.–-]+$/u, '') || reason;
}
