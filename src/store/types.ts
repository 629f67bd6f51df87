import type { Article } from '../core/article.js';

/** A stream of articles ordered by publication time, newest first. */
export type Stream =
  | { kind: 'all' }
  | { kind: 'topic'; slug: string }
  | { kind: 'category'; slug: string }
  | { kind: 'source'; id: string }
  /** The copies of one story; kept only once a story has a second copy (a story of one is its article). */
  | { kind: 'story'; id: string };

/** Position in a stream: strictly older than this (publishedAt ms, then id). */
export interface Cursor {
  publishedMs: number;
  id: string;
}

export interface ListQuery {
  /** Several streams are merged (a curated feed = its topics and sources). */
  streams: Stream[];
  limit: number;
  before?: Cursor | null;
}

export type UpsertOutcome = 'new' | 'updated' | 'unchanged';

export interface TopicSummary {
  slug: string;
  /** The display name as the site writes it (`Hà Nội`). */
  name: string;
  count: number;
  /** Newest publication time in the topic, epoch ms; null when empty. */
  newestMs: number | null;
}

/** The fields that say which streams an article is listed in: a stored record's header holds them. */
export type StreamFields = Pick<Article, 'id' | 'source' | 'topics' | 'category' | 'storyId'>;

export interface ArticleStore {
  /**
   * Idempotent: same content → 'unchanged'; changed content updates in place.
   * `aliases`: other URLs the article was reached by (AMP copy, discovered
   * link), remembered so discovery knows them too.
   */
  upsert(article: Article, options?: { aliases?: string[] }): Promise<UpsertOutcome>;
  get(id: string): Promise<Article | null>;
  /** Only the stream fields of a stored article, read from its record's header without decoding the rest; null when not stored. */
  streamFields(id: string): Promise<StreamFields | null>;
  /** Known canonical URL? Lets discovery skip what is already stored. */
  hasUrl(url: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  /** Newest first, merged across streams, deduplicated. */
  list(query: ListQuery): Promise<Article[]>;
  count(stream: Stream): Promise<number>;
  /**
   * The stored copies of each story that has more than one, oldest first (at most STORY_COPIES_MAX each).
   * A story of one keeps no index and is left out of the map: its copy is the article whose id it is.
   */
  storyCopies(storyIds: readonly string[]): Promise<Map<string, Article[]>>;
  topics(): Promise<TopicSummary[]>;
}
