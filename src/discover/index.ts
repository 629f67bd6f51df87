/**
 * The discover stage: which article URLs a source offers right now.
 *
 *   const report = await discover(source, { fetcher, isKnown: (u) => store.hasUrl(u), log, mode? });
 *   report.links     // every article URL found (known ones included), deduplicated, each with
 *                    // how it was found and the events ("Dòng sự kiện") whose pages list it
 *   report.failures  // one entry per feed/listing/sitemap/event page that failed, with its FailureClass
 *   report.stats     // pages read, feed items, empty feeds, 304s
 *
 * Order: feeds; listing pages when any feed was empty, not XML, failed or
 * unchanged (kinhtedothi.vn answers an empty channel); sitemaps; event pages.
 * `mode.backfillPages` walks listings deeper, past known pages, unconditionally;
 * `mode.parts` runs a subset (e.g. `['events']` on a slower schedule).
 * Listing links are read by the extract stage's `extractLinks`.
 */
export { discover, type DiscoverDeps } from './discover.js';
// The parsers on their own, for `sources add`, which probes a site before it is a source.
export { readFeed } from './feeds.js';
export { readSitemap, type SitemapContent } from './sitemaps.js';
export {
  DISCOVERY_PARTS,
  type DiscoveryPart,
  type DiscoveredLink,
  type DiscoveryFailure,
  type DiscoveryReport,
  type DiscoveryStats,
  type EventRef,
} from './types.js';
