/**
 * A curated feed's membership rule, in one place: serve reads a feed's page
 * with it and websub asks it which feeds an article changed, so the two can
 * never disagree. `include` is a union (an article matching any list is in),
 * `exclude` wins over it. Topics, sources and categories are store streams;
 * authors and keywords are not indexed, so a feed that names any of them
 * reads the `all` stream and filters, as `?q=` does.
 */
import type { FeedConfig, FeedRule } from '../config/index.js';
import type { Article } from '../core/article.js';
import { fold } from '../core/slug.js';
import { mentions, phrase, titleAndLeadWords, type Phrase } from '../core/words.js';
import { articleStreams, streamName, type Stream, type StreamFields } from '../store/index.js';

export interface FeedMembership {
  /** The streams read for the feed (and whose changes invalidate it). */
  streams: Stream[];
  /** Applied to every record read from them; null when the streams alone decide. */
  filter: ((article: Article) => boolean) | null;
  /** Whether an article belongs to the feed: streams and filter together. */
  accepts(article: Article): boolean;
  /**
   * accepts over the stream fields alone (a stored record's header has them), for a feed whose rule names no
   * author or keyword; null for one that does: only the whole article can answer for it.
   */
  acceptsFields: ((article: StreamFields) => boolean) | null;
}

type Rule = Pick<FeedConfig, 'include' | 'exclude'>;

/** A byline name compared without diacritics, case or spacing differences. */
const authorKey = (name: string): string => fold(name.normalize('NFC')).replace(/\s+/g, ' ').trim();

interface Matcher {
  empty: boolean;
  /** The part of the rule the stream fields answer: its topics, sources and categories. */
  matchesFields(article: StreamFields): boolean;
  /** The part only a whole article answers, its authors and keywords; null when the rule names none. */
  matchesText: ((article: Article) => boolean) | null;
  matches(article: Article): boolean;
}

function matcher(rule: FeedRule): Matcher {
  const topics = new Set(rule.topics);
  const sources = new Set(rule.sources);
  const categories = new Set(rule.categories);
  const authors = new Set(rule.authors.map(authorKey));
  const phrases: Phrase[] = rule.keywords.map(phrase);
  const empty = topics.size + sources.size + categories.size + authors.size + phrases.length === 0;
  const matchesFields = (a: StreamFields): boolean =>
    sources.has(a.source) || (a.category !== null && categories.has(a.category.slug)) || a.topics.some((t) => topics.has(t));
  const matchesText =
    authors.size + phrases.length === 0
      ? null
      : (a: Article): boolean => {
          if (authors.size > 0 && a.authors.some((n) => authors.has(authorKey(n)))) return true;
          if (phrases.length > 0) {
            const parts = titleAndLeadWords(a);
            return phrases.some((p) => mentions(parts, p));
          }
          return false;
        };
  return {
    empty,
    matchesFields,
    matchesText,
    matches: (a) => matchesFields(a) || (matchesText !== null && matchesText(a)),
  };
}

function ruleStreams(rule: FeedRule): Stream[] {
  return [
    ...rule.topics.map((slug): Stream => ({ kind: 'topic', slug })),
    ...rule.sources.map((id): Stream => ({ kind: 'source', id })),
    ...rule.categories.map((slug): Stream => ({ kind: 'category', slug })),
  ];
}

/** Whether an article is listed in any of the streams. */
export function streamMembership(streams: readonly Stream[]): (article: StreamFields) => boolean {
  const names = new Set(streams.map(streamName));
  return (a) => articleStreams(a).some((s) => names.has(streamName(s)));
}

export function feedMembership(feed: Rule): FeedMembership {
  const out = matcher(feed.exclude);
  const byText = feed.include !== 'all' && feed.include.authors.length + feed.include.keywords.length > 0;
  const inc = feed.include === 'all' ? null : matcher(feed.include);
  const streams: Stream[] = feed.include === 'all' || byText ? [{ kind: 'all' }] : ruleStreams(feed.include);
  // Reading only the included streams already means "in include": what is left to check is the part streams cannot say.
  const filter =
    byText && inc
      ? (a: Article) => inc.matches(a) && !out.matches(a)
      : out.empty
        ? null
        : (a: Article) => !out.matches(a);
  const inStreams = streamMembership(streams);
  // Without authors or keywords on either side, include is the streams alone and exclude a match on fields
  // (an empty exclude matches nothing).
  const byFields = !byText && out.matchesText === null;
  return {
    streams,
    filter,
    accepts: (a) => inStreams(a) && (filter === null || filter(a)),
    acceptsFields: byFields ? (a) => inStreams(a) && !out.matchesFields(a) : null,
  };
}
