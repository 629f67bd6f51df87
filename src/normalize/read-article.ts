/**
 * Page bytes → one Article: decode, extract, normalize. The one way every
 * caller (the crawl, profile cases, `bantin extract`, `sources add`, tests
 * and benchmarks) turns a page into a record, so none of them builds the
 * context by hand and they cannot drift apart.
 */
import type { SiteProfile, SourceConfig } from '../config/index.js';
import type { Article } from '../core/article.js';
import { NO_HINTS, type LinkHints } from '../core/hints.js';
import { decodeHtml, extractPage, extractPageTree, type ExtractedPage, type ExtractedTree } from '../extract/index.js';
import { normalizeArticle } from './article.js';
import { chooseCategory } from './category.js';
import { DEFAULT_TIMEZONE } from './dates.js';

export interface PageBytes {
  body: Buffer;
  /** The Content-Type header it came with; null for a saved page. */
  contentType: string | null;
  /** Where it was fetched from, after redirects. */
  url: string;
}

export interface ReadOptions {
  /** The source whose profile and rules apply; null reads the page with the generic extraction alone. */
  source: SourceConfig | null;
  /** Article.source; defaults to the source's id. */
  sourceId?: string;
  /** What discovery said about the URL. */
  hints?: LinkHints;
  /** Event pages that list the article, beyond those the page links itself. */
  events?: ExtractedPage['events'];
  /** Epoch ms. */
  fetchedAt: number;
  /** Epoch ms: dates after it (with slack) are implausible. */
  now: number;
  /** Told how many JSON-LD blocks were skipped as unreadable even leniently (only when some were). */
  onUnreadableJsonLd?: (blocks: number) => void;
}

type Extract = (html: string, url: string, profile: SiteProfile | null, hints: LinkHints) => ExtractedPage | ExtractedTree;

/** Throws NotAnArticleError when the page holds no article. */
export function readArticle(page: PageBytes, opts: ReadOptions): Article {
  // Extract hands normalize the body's tree, not its HTML to parse again.
  return read(extractPageTree, page, opts);
}

/**
 * readArticle by way of the body's HTML, as normalize read it before it was handed the tree: the path
 * tests hold readArticle equal to, so the two can never drift.
 */
export function readArticleViaHtml(page: PageBytes, opts: ReadOptions): Article {
  return read(extractPage, page, opts);
}

function read(extract: Extract, page: PageBytes, opts: ReadOptions): Article {
  const { source } = opts;
  const html = decodeHtml(page.body, page.contentType);
  const extracted = extract(html, page.url, source?.profile ?? null, opts.hints ?? NO_HINTS);
  if (extracted.unreadableJsonLd > 0) opts.onUnreadableJsonLd?.(extracted.unreadableJsonLd);
  const article = normalizeArticle(
    { ...extracted, events: [...extracted.events, ...(opts.events ?? [])] },
    {
      sourceId: opts.sourceId ?? source?.id ?? 'generic',
      datelines: source?.profile.datelines ?? [],
      dateFormats: source?.profile.dateFormats ?? [],
      timezone: source?.timezone ?? DEFAULT_TIMEZONE,
      site: source?.site ?? null,
      topicAliases: source?.topicAliases ?? {},
      fetchedAt: opts.fetchedAt,
      now: opts.now,
    },
  );
  // The category is the source's mapping of what normalization found (section, canonical URL, title, lead); a page read without a source has none.
  return source?.categoryRules ? { ...article, category: chooseCategory(source.categoryRules, article) } : article;
}
