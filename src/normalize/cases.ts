/**
 * A profile's regression cases: saved pages with the record fields they must
 * produce. `bantin check-config` and the test suite run them, so a selector
 * change that breaks a known page fails before it ships.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { SourceConfig } from '../config/index.js';
import type { ProfileCase } from '../config/profile-schema.js';
import type { Article } from '../core/article.js';
import { BantinError } from '../core/errors.js';
import { readArticle } from './read-article.js';

export interface CaseMismatch {
  field: string;
  expected: unknown;
  actual: unknown;
}

export interface CaseResult {
  fixture: string;
  url: string;
  ok: boolean;
  mismatches: CaseMismatch[];
  /** Why the case could not be compared (unreadable fixture, unexpected rejection), else null. */
  error: string | null;
}

/** Saved pages are fixed in time: a fixed clock keeps relative dates and fetchedAt reproducible. */
export const CASE_TIME_MS = Date.parse('2026-12-01T00:00:00+07:00');

/** The expectation `error: not-an-article`: the page must be rejected. */
const REJECTED = 'not-an-article';

function compare(article: Article, expect: Record<string, unknown>): CaseMismatch[] {
  const mismatches: CaseMismatch[] = [];
  const record = article as Record<string, unknown>;
  for (const [field, expected] of Object.entries(expect)) {
    if (!(field in record)) {
      mismatches.push({ field, expected, actual: '(no such field in the record)' });
      continue;
    }
    const actual = record[field];
    // contentText is long: cases name passages it must contain rather than all of it.
    const ok =
      field === 'contentText' && typeof actual === 'string' && (typeof expected === 'string' || Array.isArray(expected))
        ? [expected].flat().every((passage) => typeof passage === 'string' && actual.includes(passage))
        : isDeepStrictEqual(actual, expected);
    if (!ok) mismatches.push({ field, expected, actual });
  }
  return mismatches;
}

async function runCase(source: SourceConfig, c: ProfileCase): Promise<CaseResult> {
  const result = { fixture: c.fixture, url: c.url };
  let bytes: Buffer;
  try {
    bytes = await readFile(path.resolve(path.dirname(source.file), c.fixture));
  } catch (error) {
    return { ...result, ok: false, mismatches: [], error: `cannot read fixture: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  const wantsRejection = c.expect.error === REJECTED;
  try {
    const at = c.fetchedAt === undefined ? CASE_TIME_MS : Date.parse(c.fetchedAt);
    const article = readArticle({ body: bytes, contentType: null, url: c.url }, { source, fetchedAt: at, now: at });
    if (wantsRejection) return { ...result, ok: false, mismatches: [{ field: 'error', expected: REJECTED, actual: null }], error: null };
    const mismatches = compare(article, c.expect);
    return { ...result, ok: mismatches.length === 0, mismatches, error: null };
  } catch (error) {
    if (error instanceof BantinError && error.kind === REJECTED && wantsRejection) return { ...result, ok: true, mismatches: [], error: null };
    const message = error instanceof BantinError ? `${error.kind}: ${error.message}` : String(error);
    return { ...result, ok: false, mismatches: [], error: message };
  }
}

export async function runProfileCases(source: SourceConfig): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of source.profile.cases) results.push(await runCase(source, c));
  return results;
}
