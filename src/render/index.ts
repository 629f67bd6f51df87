/**
 * The render stage: pure functions from a format-independent document to
 * bytes-ready text. No I/O, no clock: the same document renders to the same
 * string, which is what lets serve cache renders and derive strong ETags.
 */
import { renderAtom } from './atom.js';
import { renderJsonFeed } from './json-feed.js';
import { renderRss } from './rss.js';
import type { FeedDocument, FeedFormat } from './types.js';

export function renderFeed(format: FeedFormat, feed: FeedDocument): string {
  switch (format) {
    case 'rss':
      return renderRss(feed);
    case 'atom':
      return renderAtom(feed);
    case 'json':
      return renderJsonFeed(feed);
  }
}

export { newestModified } from './items.js';
export { clean, normalizeUrl } from './text.js';
export { renderOpml, type OpmlDocument, type OpmlGroup } from './opml.js';
export { CONTENT_TYPES, FEED_FORMATS, FEED_MODES, type FeedDocument, type FeedFormat, type FeedMode, type FeedLinks, type FeedAuthor, type FeedIcons, type StoryCopy } from './types.js';
