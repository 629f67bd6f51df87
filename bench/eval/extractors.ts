/**
 * The two extractors under comparison, each from the page's bytes: bantin's
 * generic reading (readArticle with no source, so no site profile) and
 * Readability.js alone over linkedom, decoded by the same charset rules.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { NotAnArticleError } from '../../src/core/errors.js';
import { decodeHtml } from '../../src/extract/index.js';
import { readArticle } from '../../src/normalize/index.js';

export interface BantinResult {
  /** contentText; '' when refused or crashed, which is what the benchmarks score a missing answer as. */
  text: string;
  /** null when refused, crashed, or no date was found on the page. */
  publishedAt: string | null;
  /** extraction.publishedAt as bantin reports it, `first-seen` included. */
  dateFrom: string | null;
  /** The NotAnArticleError reason when bantin refused the page. */
  refused: string | null;
  /** Anything else thrown: a bug to look at, not a judgement on the page. */
  crashed: string | null;
}

/** A fixed clock: the corpora are years old, so any date on them is in the past. */
const NOW = Date.now();

export function runBantin(body: Buffer, url: string): BantinResult {
  try {
    const article = readArticle({ body, contentType: null, url }, { source: null, sourceId: 'eval', fetchedAt: NOW, now: NOW });
    // Compared as a string: 'first-seen' is the value readArticle is gaining for "no date on the page".
    const dateFrom: string = article.extraction.publishedAt;
    const found = dateFrom !== 'first-seen';
    return { text: article.contentText, publishedAt: found ? article.publishedAt : null, dateFrom, refused: null, crashed: null };
  } catch (error) {
    const empty = { text: '', publishedAt: null, dateFrom: null };
    if (error instanceof NotAnArticleError) return { ...empty, refused: error.reason, crashed: null };
    return { ...empty, refused: null, crashed: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];

/**
 * Readability.js as the benchmark runs it (default options; its textContent),
 * over linkedom as bantin uses it. null when it finds no article or throws.
 */
export function runReadability(html: string): string | null {
  try {
    const { document } = parseHTML(html);
    return new Readability(document as unknown as ReadabilityDocument).parse()?.textContent ?? null;
  } catch {
    return null;
  }
}

/** The baseline from bytes, decoding included, so it pays what readArticle pays. */
export function runReadabilityBytes(body: Buffer): string | null {
  return runReadability(decodeHtml(body, null));
}
