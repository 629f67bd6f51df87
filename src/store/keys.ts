/**
 * The Redis key schema, in one place (README "Redis keys" mirrors it).
 * Every key bantin writes starts with the configured prefix.
 */
import type { Stream } from './types.js';

export function streamName(stream: Stream): string {
  switch (stream.kind) {
    case 'all':
      return 'all';
    case 'topic':
      return `topic:${stream.slug}`;
    case 'source':
      return `source:${stream.id}`;
  }
}

export function parseStreamName(name: string): Stream | null {
  if (name === 'all') return { kind: 'all' };
  if (name.startsWith('topic:')) return { kind: 'topic', slug: name.slice(6) };
  if (name.startsWith('source:')) return { kind: 'source', id: name.slice(7) };
  return null;
}

export function keys(prefix: string) {
  return {
    /** STRING: the article record as JSON. */
    article: (id: string) => `${prefix}:article:${id}`,
    /** SET: every URL the article is known by (canonical, AMP, as discovered), so a remove can forget them. */
    articleUrls: (id: string) => `${prefix}:article-urls:${id}`,
    /** ZSET per stream: article ids scored by publication time (epoch ms). */
    index: (stream: Stream) => `${prefix}:idx:${streamName(stream)}`,
    /** HASH: known URL (canonical or as discovered) → article id. */
    urls: `${prefix}:urls`,
    /** HASH: topic slug → display name. */
    topicNames: `${prefix}:topic-names`,
    /** Pub/sub channel: JSON array of stream names that changed. */
    changes: `${prefix}:changes`,
    /** HASH per source: crawl state (last run, failures, paused...). */
    crawlState: (sourceId: string) => `${prefix}:crawl:${sourceId}`,
    /** Scheduler run-coordinator slots (SET NX PX). */
    scheduleSlot: (slotKey: string) => `${prefix}:schedule:${slotKey}`,
    /** Prefix handed to BullMQ for its own keys. */
    queuePrefix: `${prefix}:q`,
  };
}

export type KeySchema = ReturnType<typeof keys>;
