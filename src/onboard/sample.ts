/**
 * Sampling: fetch candidate article pages through the crawl's fetcher and
 * read each with the generic extraction alone (`source: null`). What it
 * makes of a page is the target a learned profile must reproduce; pages it
 * refuses are reported with its reason and not learned from.
 */
import type { Article } from '../core/article.js';
import { NotAnArticleError } from '../core/errors.js';
import { decodeHtml, parseHtml, type Doc } from '../extract/index.js';
import { FetchError, type Fetcher } from '../fetch/index.js';
import { readArticle } from '../normalize/index.js';

export interface Sample {
  /** Where the page came from, after redirects. */
  url: string;
  body: Buffer;
  contentType: string | null;
  /** When it was fetched: its case is read as of then. */
  fetchedAt: number;
  /** The record the generic extraction made of the page. */
  article: Article;
  doc: Doc;
}

export interface Refusal {
  url: string;
  reason: string;
}

export interface SampleDeps {
  fetcher: Fetcher;
  sourceId: string;
  now: () => number;
}

/** Candidates tried beyond the number wanted, for pages that turn out to be no article. */
const SPARE = 4;

export function sampleFromPage(page: { url: string; body: Buffer; contentType: string | null }, sourceId: string, now: number): Sample {
  const article = readArticle(page, { source: null, sourceId, fetchedAt: now, now });
  return { ...page, fetchedAt: now, article, doc: parseHtml(decodeHtml(page.body, page.contentType)) };
}

export async function sampleArticles(candidates: readonly string[], want: number, deps: SampleDeps): Promise<{ samples: Sample[]; refused: Refusal[] }> {
  const samples: Sample[] = [];
  const refused: Refusal[] = [];
  const seen = new Set<string>();
  for (const url of candidates.slice(0, want * 2 + SPARE)) {
    if (samples.length >= want) break;
    try {
      const res = await deps.fetcher.fetch(url, { sourceId: deps.sourceId, expect: 'html', conditional: false });
      const sample = sampleFromPage({ url: res.url, body: res.body, contentType: res.contentType }, deps.sourceId, deps.now());
      // Two links to one article (AMP and desktop, a tracking parameter) are one sample.
      if (seen.has(sample.article.id)) continue;
      seen.add(sample.article.id);
      samples.push(sample);
    } catch (error) {
      if (error instanceof NotAnArticleError) refused.push({ url, reason: error.reason });
      else if (error instanceof FetchError) refused.push({ url, reason: `${error.failure}: ${error.message}` });
      else throw error;
    }
  }
  return { samples, refused };
}
