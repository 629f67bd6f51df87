/**
 * Which feeds exist and what each one is: curated feeds from config, one per
 * topic present in the store, one per configured source.
 */
import type { AppConfig } from '../config/index.js';
import type { FeedAuthor } from '../render/index.js';
import type { Stream } from '../store/index.js';

export const FEED_KINDS = ['feeds', 'topics', 'sources'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** Tag URIs do not name the host, so feed ids survive the service moving (RFC 4151). */
export const TAG_AUTHORITY = 'tag:bantin,2026:';

export const SITE_NAME = 'Bản tin';

export interface FeedSpec {
  kind: FeedKind;
  slug: string;
  streams: Stream[];
  /** Null for topics: the name comes from the records. */
  title: string | null;
  description: string | null;
  /** Absolute, or a path on this service. */
  alternate: string;
  author: FeedAuthor | null;
}

export function feedStreams(include: AppConfig['feeds'][number]['include']): Stream[] {
  if (include === 'all') return [{ kind: 'all' }];
  return [...include.topics.map((slug): Stream => ({ kind: 'topic', slug })), ...include.sources.map((id): Stream => ({ kind: 'source', id }))];
}

/** The spec for a canonical slug, or null when config knows no such feed or source. Topics always resolve; the store decides if they exist. */
export function findFeed(config: AppConfig, kind: FeedKind, slug: string): FeedSpec | null {
  switch (kind) {
    case 'feeds': {
      const f = config.feeds.find((x) => x.slug === slug);
      return f ? { kind, slug, streams: feedStreams(f.include), title: f.title, description: f.description, alternate: '/', author: null } : null;
    }
    case 'sources': {
      const s = config.sources.find((x) => x.id === slug);
      return s
        ? {
            kind,
            slug,
            streams: [{ kind: 'source', id: s.id }],
            title: `${SITE_NAME} - ${s.name}`,
            description: `Bài viết từ ${s.name}, mới nhất trước.`,
            alternate: s.baseUrl,
            author: { name: s.name, uri: s.baseUrl },
          }
        : null;
    }
    case 'topics':
      return { kind, slug, streams: [{ kind: 'topic', slug }], title: null, description: null, alternate: `/topics/${slug}`, author: null };
  }
}
