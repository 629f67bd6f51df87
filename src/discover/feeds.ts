/**
 * RSS and Atom feeds (rss-parser). A feed is a hint, not a promise: it may
 * answer 200 with a channel and no items, or an anti-bot HTML page instead
 * of XML, and the caller then falls back to the listing pages.
 */
import type Parser from 'rss-parser';
import { FetchError, looksLikeHtml, type FetchResponse } from '../fetch/index.js';
import type { LinkHints } from '../core/hints.js';
import { decodeXml } from './decode.js';

export interface FeedItem {
  /** As written: relative links are possible. */
  href: string;
  /** The item's title, date and first category: the page's fallbacks. */
  hints: LinkHints;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** The items of a feed; throws FetchError parse-error. */
export async function readFeed(res: FetchResponse): Promise<FeedItem[]> {
  if (looksLikeHtml(res.body)) {
    throw new FetchError('parse-error', res.url, 'an HTML page where a feed was expected (an anti-bot challenge?)', res.status);
  }
  let feed: Parser.Output<Record<string, unknown>>;
  try {
    // Loaded with the first feed read (xml2js under it is ~13 MB): roles that never discover never hold it.
    const { default: RssParser } = await import('rss-parser');
    feed = await new RssParser().parseString(decodeXml(res.body, res.charset));
  } catch (error) {
    throw new FetchError('parse-error', res.url, `not a readable RSS/Atom feed: ${(error as Error).message}`, res.status, { cause: error });
  }
  const items: FeedItem[] = [];
  for (const item of feed.items) {
    // Some CMSs leave <link> empty and put the URL in <guid>.
    const href = item.link?.trim() || (item.guid && /^https?:\/\//.test(item.guid.trim()) ? item.guid.trim() : '');
    if (!href) continue;
    const category: unknown = item.categories?.[0];
    // pubDate as written, not rss-parser's isoDate: normalization reads the zone the feed gave.
    items.push({ href, hints: { title: text(item.title), published: text(item.pubDate) ?? text(item.isoDate), section: text(category) } });
  }
  return items;
}
