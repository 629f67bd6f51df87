/**
 * The store's Redis key schema (README "Redis keys" mirrors it). Every key
 * bantin writes starts with the configured prefix; the fetcher keeps its own
 * few (robots, validators, per-host politeness) in src/fetch, a stage the
 * store does not talk to.
 */
import type { Article } from '../core/article.js';
import type { Stream } from './types.js';

export function streamName(stream: Stream): string {
  switch (stream.kind) {
    case 'all':
      return 'all';
    case 'topic':
      return `topic:${stream.slug}`;
    case 'category':
      return `category:${stream.slug}`;
    case 'source':
      return `source:${stream.id}`;
    case 'story':
      return `story:${stream.id}`;
  }
}

/**
 * The streams an article is listed in: everything, its source, each of its topics, its category, and its story
 * when it is a copy of another article's (a story of one keeps no index: most stories have one copy).
 */
export function articleStreams(article: Pick<Article, 'id' | 'source' | 'topics' | 'category' | 'storyId'>): Stream[] {
  return [
    { kind: 'all' },
    { kind: 'source', id: article.source },
    ...article.topics.map((slug): Stream => ({ kind: 'topic', slug })),
    ...(article.category ? [{ kind: 'category', slug: article.category.slug } satisfies Stream] : []),
    ...(article.storyId !== article.id ? [{ kind: 'story', id: article.storyId } satisfies Stream] : []),
  ];
}

/** What the upsert compares besides content to call a re-crawl unchanged: a record that moves stream must be re-indexed. */
export function streamSignature(article: Pick<Article, 'topics' | 'category'>): string {
  return `${article.topics.join(',')}|${article.category?.slug ?? ''}`;
}

export function parseStreamName(name: string): Stream | null {
  if (name === 'all') return { kind: 'all' };
  if (name.startsWith('topic:')) return { kind: 'topic', slug: name.slice(6) };
  if (name.startsWith('source:')) return { kind: 'source', id: name.slice(7) };
  if (name.startsWith('category:')) return { kind: 'category', slug: name.slice(9) };
  if (name.startsWith('story:')) return { kind: 'story', id: name.slice(6) };
  return null;
}

export function keys(prefix: string) {
  const indexPrefix = `${prefix}:idx:`;
  return {
    /** STRING: the article record (record-codec.ts: layout 3 compact with syllable codes; layouts 2 and 1, compact and plain JSON, from earlier versions). */
    article: (id: string) => `${prefix}:article:${id}`,
    /**
     * STRING: the store layout (store-layout.ts: `4`, records in layout 3 and URL sets in their record's
     * slot), set by `bantin store migrate` once nothing is left in an older one; absent or lower: older ones may remain.
     */
    storeLayout: `${prefix}:store:layout`,
    /** HASH: a `bantin store migrate` under way: SCAN cursor, records scanned and rewritten so far (store-migrate.ts). */
    storeMigrate: `${prefix}:store:migrate`,
    /**
     * SET: every URL the article is known by (AMP, as discovered, a canonical URL it left) but its canonical one, which
     * its record's header has, so a remove can forget them; absent when there is none (most articles). Its hash
     * tag is the record's whole key, so on a Redis Cluster it lives in the record's slot and one script writes both,
     * while records (no braces: each hashed whole) spread over every slot.
     */
    articleUrls: (id: string) => `${prefix}:article-urls:{${prefix}:article:${id}}`,
    /** SET: where store layout 2 kept the URL set (`bantin store migrate` moves it to `articleUrls`). */
    legacyArticleUrls: (id: string) => `${prefix}:article-urls:${id}`,
    /**
     * HASH, in the record's slot: an upsert or remove whose index steps have not all been done (settle.ts):
     * `token` of the writer that owns it, `was` the headers of the records it replaced, `urls` those a remove forgets.
     */
    articlePending: (id: string) => `${prefix}:article-pending:{${prefix}:article:${id}}`,
    /** ZSET per stream: article ids scored by publication time (epoch ms). */
    index: (stream: Stream) => `${indexPrefix}${streamName(stream)}`,
    /** HASH: known URL (canonical or as discovered) → article id. */
    urls: `${prefix}:urls`,
    /**
     * HASH per LSH level and shard: story band (story-fingerprint.ts) → the id of the story's first copy. Sharded
     * so each hash stays small enough for Redis' compact listpack encoding (story-bands.ts says how).
     */
    storyBands: (level: number, shard: number) => `${prefix}:story:{${prefix}:stories}:bands:${level}:${shard}`,
    /**
     * STRING: how many stories have written their bands; it sets the current LSH level. The band keys share
     * its hash tag, so one script reads every band on a Redis Cluster too.
     */
    storyCount: `${prefix}:story:{${prefix}:stories}:count`,
    /** HASH: topic slug → display name. */
    topicNames: `${prefix}:topic-names`,
    /** Pub/sub channel: JSON array of stream names that changed. */
    changes: `${prefix}:changes`,
    /** HASH per source: crawl state (last run, failures, paused...). */
    crawlState: (sourceId: string) => `${prefix}:crawl:${sourceId}`,
    /** STRING per source: the run lock, a lease (JSON: jobId, startedAt, renewedAt, expiresAt, renewMs; run-lease.ts) with a matching Redis TTL. */
    crawlLock: (sourceId: string) => `${prefix}:crawl:${sourceId}:lock`,
    /** HASH per source: skipped ticks by reason. */
    crawlSkips: (sourceId: string) => `${prefix}:crawl:${sourceId}:skips`,
    /**
     * HASH per source: field → where its last articles' values came from, newest first (`1` the profile, `0` a fallback), at most 50.
     * It and the drift hash are moved by one script: the source id is their hash tag, so on a Redis Cluster they share a slot.
     */
    profileWindow: (sourceId: string) => `${prefix}:crawl:{${sourceId}}:profile-window`,
    /** HASH per source: field → when it went into profile drift (epoch ms); absent = not in drift. */
    profileDrift: (sourceId: string) => `${prefix}:crawl:{${sourceId}}:drift`,
    /** Prefix of every stream index (`index()` adds the stream name). */
    indexPrefix,
    /**
     * STRING per source: `<days>:<epoch ms>`, a publication time at and before which every article of the source's
     * index is trimmed, as a trim prune of that many days found it (store/retention.ts); the next trim prune of the
     * same days starts there. Absent, or of other days: from the start.
     */
    retentionMark: (sourceId: string) => `${prefix}:retention:${sourceId}:trimmed-to`,
    /** Scheduler run-coordinator slots (SET NX PX). */
    scheduleSlot: (slotKey: string) => `${prefix}:schedule:${slotKey}`,
    /**
     * Prefix handed to BullMQ for its own keys. BullMQ's scripts touch many keys of a queue (and of a flow's
     * parent queue) at once: on a Redis Cluster they must share a slot, so the prefix carries a hash tag and every
     * bantin queue lives in the same slot (BullMQ's own advice for clusters).
     */
    queuePrefix: `${prefix}:{${prefix}:q}`,
  };
}

export type KeySchema = ReturnType<typeof keys>;
