/**
 * Which feeds exist and what each one is: curated feeds from config, one per
 * topic present in the store, one per category of the taxonomy, one per
 * configured source.
 */
import type { AppConfig } from '../config/index.js';
import type { Article } from '../core/article.js';
import type { FeedAuthor } from '../render/index.js';
import type { Stream } from '../store/index.js';
import { feedMembership } from './feed-rules.js';

export const FEED_KINDS = ['feeds', 'topics', 'categories', 'sources'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** Tag URIs do not name the host, so feed ids survive the service moving (RFC 4151). */
export const TAG_AUTHORITY = 'tag:bantin,2026:';

export const SITE_NAME = 'Bản tin';

export interface FeedSpec {
  kind: FeedKind;
  slug: string;
  streams: Stream[];
  /** A curated feed's exclude, author and keyword rules over the records its streams give; null: the streams alone decide. */
  filter: ((article: Article) => boolean) | null;
  /** Null for topics: the name comes from the records. */
  title: string | null;
  description: string | null;
  /** Absolute, or a path on this service. */
  alternate: string;
  author: FeedAuthor | null;
}

/** The spec for a canonical slug, or null when config knows no such feed or source. Topics always resolve; the store decides if they exist. */
export function findFeed(config: AppConfig, kind: FeedKind, slug: string): FeedSpec | null {
  switch (kind) {
    case 'feeds': {
      const f = config.feeds.find((x) => x.slug === slug);
      if (!f) return null;
      const { streams, filter } = feedMembership(f);
      return { kind, slug, streams, filter, title: f.title, description: f.description, alternate: '/', author: null };
    }
    case 'categories': {
      const cat = config.taxonomy.categories.find((x) => x.slug === slug);
      return cat
        ? {
            kind,
            slug,
            streams: [{ kind: 'category', slug }],
            filter: null,
            title: `${SITE_NAME} - ${cat.name}`,
            description: `Tin bài chuyên mục ${cat.name} từ mọi nguồn, mới nhất trước.`,
            alternate: `/categories/${slug}.rss`,
            author: null,
          }
        : null;
    }
    case 'sources': {
      const s = config.sources.find((x) => x.id === slug);
      return s
        ? {
            kind,
            slug,
            streams: [{ kind: 'source', id: s.id }],
            filter: null,
            title: `${SITE_NAME} - ${s.name}`,
            description: `Bài viết từ ${s.name}, mới nhất trước.`,
            alternate: s.baseUrl,
            author: { name: s.name, uri: s.baseUrl },
          }
        : null;
    }
    case 'topics':
      return { kind, slug, streams: [{ kind: 'topic', slug }], filter: null, title: null, description: null, alternate: `/topics/${slug}`, author: null };
  }
}
