/**
 * The learned profile's regression cases: each sampled page, with what the
 * *learned profile* makes of it, so `bantin check-config` notices the day a
 * selector stops giving the same record. Dated the way check-config runs
 * them (as of when each page was fetched, which the case records), without
 * discovery's hints, as saved pages are read.
 */
import type { ProfileCase, SourceConfig } from '../config/index.js';
import type { Article } from '../core/article.js';
import { NotAnArticleError } from '../core/errors.js';
import { toVnIso } from '../core/time.js';
import { readArticle } from '../normalize/index.js';

/** Passages of the body a case names: long enough to be the article's own, short enough to survive small edits. */
const PASSAGE_CHARS = 100;

export interface CaseDraft {
  case: ProfileCase;
  /** The sample the fixture is a copy of. */
  sample: number;
}

export interface SkippedCase {
  url: string;
  reason: string;
}

function passage(paragraph: string): string {
  if (paragraph.length <= PASSAGE_CHARS) return paragraph;
  const cut = paragraph.slice(0, PASSAGE_CHARS);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), PASSAGE_CHARS / 2)).trim();
}

/** The first and the last paragraph: a body cut short or grown a tail of furniture fails one of them. */
export function passages(text: string): string[] {
  const paragraphs = text.split(/\n+/).map((p) => p.trim()).filter((p) => p.length >= 20);
  const picked = [paragraphs[0], paragraphs.at(-1)].filter((p): p is string => p !== undefined).map(passage);
  return [...new Set(picked)];
}

export function expectationOf(article: Article): Record<string, unknown> {
  return {
    title: article.title,
    // A page with no date of its own is dated when first seen: nothing the profile answers for.
    ...(article.extraction.publishedAt === 'first-seen' ? {} : { publishedAt: article.publishedAt }),
    authors: article.authors,
    contentText: passages(article.contentText),
  };
}

/** Cases for the pages the source reads; a page it refuses is skipped and said so. */
export function draftCases(source: SourceConfig, pages: readonly { url: string; body: Buffer; fetchedAt: number }[], fixture: (n: number) => string): { cases: CaseDraft[]; skipped: SkippedCase[] } {
  const cases: CaseDraft[] = [];
  const skipped: SkippedCase[] = [];
  pages.forEach((page, sample) => {
    try {
      // Read as of when it was fetched, and say so in the case: check-config reads it as of then too.
      const article = readArticle({ body: page.body, contentType: null, url: page.url }, { source, fetchedAt: page.fetchedAt, now: page.fetchedAt });
      cases.push({ case: { fixture: fixture(cases.length + 1), url: page.url, fetchedAt: toVnIso(page.fetchedAt), expect: expectationOf(article) }, sample });
    } catch (error) {
      if (!(error instanceof NotAnArticleError)) throw error;
      skipped.push({ url: page.url, reason: error.reason });
    }
  });
  return { cases, skipped };
}
