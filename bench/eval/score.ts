/**
 * One page through both extractors and the scoring rule of its corpus. The
 * result is plain data: the report aggregates it and --json writes it as is.
 */
import type { Page } from './corpora.js';
import { pageBytes } from './corpora.js';
import { runBantin, runReadabilityBytes, type BantinResult } from './extractors.js';
import {
  countSnippets,
  dateOutcome,
  exactMatch,
  pageF1,
  precisionScore,
  pyNorm,
  recallScore,
  shingleMatch,
  type DateOutcome,
  type PageMatch,
  type SnippetCounts,
} from './metrics.js';

export interface BodyResult extends PageMatch {
  f1: number;
  precision: number;
  recall: number;
  exact: boolean;
}

export interface SnippetResult extends SnippetCounts {
  /** "with" snippets not found: what to look for in the page. */
  missing: string[];
  /** "without" snippets found: boilerplate that got in. */
  leaked: string[];
}

export interface PageResult {
  corpus: Page['kind'];
  key: string;
  url: string;
  bantin: Omit<BantinResult, 'text'> & { chars: number };
  /** Absent when the baseline was not run. */
  readability?: { chars: number; found: boolean };
  body?: { bantin: BodyResult; readability?: BodyResult };
  snippets?: { bantin: SnippetResult; readability?: SnippetResult };
  date?: { expected: string | null; outcome: DateOutcome };
}

export interface Scored {
  result: PageResult;
  /** The texts themselves, for --only; not kept for the whole run. */
  bantinText: string;
  readabilityText: string | null;
}

function scoreBody(truth: string, pred: string): BodyResult {
  const match = shingleMatch(truth, pred);
  return { ...match, f1: pageF1(match), precision: precisionScore(match), recall: recallScore(match), exact: exactMatch(truth, pred) };
}

function scoreSnippets(page: { with: string[]; without: string[] }, output: string | null): SnippetResult {
  const counts = countSnippets(page, output);
  const text = output === null ? '' : pyNorm(output);
  return {
    ...counts,
    missing: page.with.filter((s) => !text.includes(pyNorm(s))),
    leaked: output === null ? [] : page.without.filter((s) => text.includes(pyNorm(s))),
  };
}

/** A refused or crashed page answers nothing; the benchmarks count that as an empty prediction. */
function answered(b: BantinResult): string | null {
  return b.refused === null && b.crashed === null ? b.text : null;
}

export async function scorePage(page: Page, opts: { readability: boolean }): Promise<Scored> {
  const bytes = await pageBytes(page);
  const b = runBantin(bytes, page.url);
  const r = opts.readability ? runReadabilityBytes(bytes) : undefined;
  const { text: _text, ...bantinFacts } = b;
  const result: PageResult = { corpus: page.kind, key: page.key, url: page.url, bantin: { ...bantinFacts, chars: b.text.length } };
  if (r !== undefined) result.readability = { chars: r?.length ?? 0, found: r !== null };
  const dateGot = { refused: b.refused !== null || b.crashed !== null, publishedAt: b.publishedAt };

  switch (page.kind) {
    case 'scrapinghub':
      result.body = { bantin: scoreBody(page.body, b.text) };
      if (r !== undefined) result.body.readability = scoreBody(page.body, r ?? '');
      break;
    case 'trafilatura':
      result.snippets = { bantin: scoreSnippets(page, answered(b)) };
      if (r !== undefined) result.snippets.readability = scoreSnippets(page, r);
      // Only some evaldata pages carry a date; the others are not scored for it.
      if (page.date !== null) result.date = { expected: page.date, outcome: dateOutcome(page.date, dateGot) };
      break;
    case 'htmldate':
      result.date = { expected: page.date, outcome: dateOutcome(page.date, dateGot) };
      break;
  }
  return { result, bantinText: b.text, readabilityText: r ?? null };
}
