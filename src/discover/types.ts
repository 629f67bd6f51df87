import type { LinkHints } from '../core/hints.js';
import type { FailureClass } from '../fetch/index.js';

export interface EventRef {
  name: string;
  url: string;
}

export interface DiscoveredLink {
  url: string;
  /** Where it was first found. */
  via: 'feed' | 'listing' | 'sitemap' | 'event';
  /** Event pages ("Dòng sự kiện") that list this article: its event topics. */
  events: EventRef[];
  /** What a feed item, news sitemap entry or listing printed beside the link. */
  hints: LinkHints;
}

export interface DiscoveryFailure {
  url: string;
  failure: FailureClass;
  message: string;
}

export interface DiscoveryStats {
  feeds: number;
  feedItems: number;
  /** Feeds that answered with a channel and no items (kinhtedothi.vn does). */
  emptyFeeds: number;
  listingPages: number;
  sitemaps: number;
  eventPages: number;
  notModified: number;
}

export interface DiscoveryReport {
  links: DiscoveredLink[];
  failures: DiscoveryFailure[];
  stats: DiscoveryStats;
}

export { DISCOVERY_PARTS, type DiscoveryPart } from '../core/discovery-parts.js';
