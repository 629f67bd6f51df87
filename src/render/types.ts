import type { Article } from '../core/article.js';

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_MODES = ['full', 'summary'] as const;
/** `summary`: the lead only; `full`: the lead plus the whole sanitized body. */
export type FeedMode = (typeof FEED_MODES)[number];

export interface FeedLinks {
  /** The exact URL this document is served at (query included). */
  self: string;
  /** The HTML page the feed describes. */
  alternate: string;
  /** Older items (RFC 5005 §3 paging, JSON Feed `next_url`); null on the last page. */
  next: string | null;
  /**
   * On a later page: the first one, the feed without a cursor (RFC 5005 §3). Pages are paged-feed pages,
   * not §4 archives: a backfilled older article or a retention drop changes what an older page holds, and
   * an archive must not change once a client has cached it.
   */
  first: string | null;
  /** WebSub hub; null when WebSub is off. */
  hub: string | null;
}

/** The service's pictures, absolute URLs, as each format names them. */
export interface FeedIcons {
  /** Square, small (Atom `icon`, JSON Feed `favicon`). */
  favicon: string;
  /** Square, large (JSON Feed `icon`, Atom `logo`). */
  icon: string;
  /** At most 144 px wide, as RSS `image` allows. */
  rssImage: { url: string; width: number; height: number };
}

export interface FeedAuthor {
  name: string;
  uri: string | null;
}

/** Another copy of an item's story: what the item links to ("Cùng sự kiện"). */
export interface StoryCopy {
  id: string;
  url: string;
  title: string;
  source: string;
  /** The source's display name from its config (its id when unknown). */
  sourceName: string;
  publishedAt: string;
}

/** Everything a feed document says, format-independent. */
export interface FeedDocument {
  /** Stable absolute IRI that does not depend on the host serving it (a `tag:` URI). */
  id: string;
  title: string;
  description: string;
  /** Used for the feed, and for entries whose record names no author. */
  author: FeedAuthor;
  links: FeedLinks;
  /** Minutes a reader may cache the feed (RSS `ttl`). */
  ttlMinutes: number;
  mode: FeedMode;
  /** Base IRI of topic categories (`{public}/topics/`): RSS `domain`, Atom `scheme`. */
  categoryScheme: string;
  /** The public origin (`https://bantin.example`, no slash): base of the category and place vocabularies and of `_bantin.about`. */
  origin: string;
  /** Newest first. */
  items: Article[];
  /** ISO; what an empty feed is dated (RSS lastBuildDate, Atom updated): when the feed was first asked for, never 1970. */
  emptyUpdated: string;
  /** By item id: the other copies of the item's story in this feed, oldest first; items without any are absent. */
  copies: ReadonlyMap<string, readonly StoryCopy[]>;
  /** The XSLT a browser shows RSS and Atom through (an `xml-stylesheet` processing instruction); null for none. Readers ignore it. */
  stylesheet: string | null;
  icons: FeedIcons | null;
}

export const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};
