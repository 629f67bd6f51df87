/**
 * Which feeds exist and what each one is: curated feeds from config, one per
 * topic present in the store, one per category of the taxonomy, one per
 * configured source.
 */
import type { AppConfig } from '../config/index.js';
import { ARTICLE_ID, type Article } from '../core/article.js';
import type { FeedAuthor } from '../render/index.js';
import type { Stream } from '../store/index.js';
import { feedMembership, streamMembership } from './feed-rules.js';
import type { StoryMode } from './params.js';

export const FEED_KINDS = ['feeds', 'topics', 'categories', 'sources', 'stories'] as const;
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
  /** Streams and filter together: whether another copy of a story is in this feed too. */
  accepts: (article: Article) => boolean;
  /** Without `?stories=`: curated feeds show one item per story, the others every copy. */
  stories: StoryMode;
  /** Whose copy stands for a story: the sources a curated feed lists, in its order; then the first published. */
  sourceOrder: string[];
  /** Null for topics: the name comes from the records. */
  title: string | null;
  description: string | null;
  /** Absolute, or a path on this service. */
  alternate: string;
  author: FeedAuthor | null;
}

/** A feed listing just these streams, every copy of a story its own item. */
function plain(streams: Stream[]): Pick<FeedSpec, 'streams' | 'filter' | 'accepts' | 'stories' | 'sourceOrder'> {
  return { streams, filter: null, accepts: streamMembership(streams), stories: 'all', sourceOrder: [] };
}

/**
 * The spec for a canonical slug, or null when config knows no such feed or source. Topics and stories always
 * resolve; the store decides if they exist.
 */
export function findFeed(config: AppConfig, kind: FeedKind, slug: string): FeedSpec | null {
  switch (kind) {
    case 'feeds': {
      const f = config.feeds.find((x) => x.slug === slug);
      if (!f) return null;
      const { streams, filter, accepts } = feedMembership(f);
      const sourceOrder = f.include === 'all' ? [] : f.include.sources;
      return { kind, slug, streams, filter, accepts, stories: 'one', sourceOrder, title: f.title, description: f.description, alternate: '/', author: null };
    }
    case 'stories':
      return ARTICLE_ID.test(slug)
        ? // A story's first copy is not in its index's stream list (a story of one keeps no index): the id decides.
          { kind, slug, ...plain([{ kind: 'story', id: slug }]), accepts: (a: Article) => a.storyId === slug, title: null, description: null, alternate: `/stories/${slug}.json`, author: null }
        : null;
    case 'categories': {
      const cat = config.taxonomy.categories.find((x) => x.slug === slug);
      return cat
        ? {
            kind,
            slug,
            ...plain([{ kind: 'category', slug }]),
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
            ...plain([{ kind: 'source', id: s.id }]),
            title: `${SITE_NAME} - ${s.name}`,
            description: `Bài viết từ ${s.name}, mới nhất trước.`,
            alternate: s.baseUrl,
            author: { name: s.name, uri: s.baseUrl },
          }
        : null;
    }
    case 'topics':
      return { kind, slug, ...plain([{ kind: 'topic', slug }]), title: null, description: null, alternate: `/topics/${slug}`, author: null };
  }
}
