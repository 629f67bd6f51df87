/**
 * One discovery run of one source: feeds; the listing pages when the feeds
 * give nothing (or HTML) or a backfill asks for them; sitemaps; event pages. Every page that fails
 * goes to `failures` and the run goes on; nothing here throws for a
 * misbehaving site.
 */
import type { SourceConfig } from '../config/index.js';
import type { Logger } from '../core/log.js';
import { decodeHtml, extractLinks, parseHtml } from '../extract/index.js';
import type { Fetcher } from '../fetch/index.js';
import { createCollector, type Collector } from './collector.js';
import { eventName, findEventLinks } from './events.js';
import { readFeed } from './feeds.js';
import { readSitemap } from './sitemaps.js';
import { DISCOVERY_PARTS, type DiscoveryPart, type DiscoveryReport, type EventRef } from './types.js';
import { urlRules, type UrlRules } from './urls.js';

export interface DiscoverDeps {
  fetcher: Fetcher;
  /** Already stored? Stops a listing walk at the first page holding only known articles. */
  isKnown: (url: string) => Promise<boolean>;
  log: Logger;
  mode?: {
    /** Backfill: walk every listing this many pages deep, past known pages, without conditional requests. */
    backfillPages?: number;
    /** Which parts to run (default all): lets event pages run on their own, slower schedule. */
    parts?: readonly DiscoveryPart[];
  };
}

/** Child sitemaps read per index; the newest first, so recent news is never cut. */
const MAX_CHILD_SITEMAPS = 20;

interface Run {
  source: SourceConfig;
  deps: DiscoverDeps;
  out: Collector;
  rules: UrlRules;
  /** Event pages seen along the way, with the name the linking page gave. */
  events: Map<string, string>;
  backfill: boolean;
}

function noteEvents(run: Run, found: EventRef[]): void {
  for (const e of found) if (!run.events.get(e.url)) run.events.set(e.url, e.name);
}

/** True when the feeds alone were a complete answer: every feed answered items. */
async function readFeeds(run: Run): Promise<boolean> {
  const { source, deps, out, rules } = run;
  let complete = source.discovery.feeds.length > 0;
  for (const feedUrl of source.discovery.feeds) {
    try {
      const res = await deps.fetcher.fetch(feedUrl, { sourceId: source.id, expect: 'feed', conditional: !run.backfill });
      if (res.notModified) {
        // Unchanged since last time, so it gives nothing new; whether it had items then is unknown, so fall back too.
        out.stats.notModified++;
        complete = false;
        continue;
      }
      const items = await readFeed(res);
      out.stats.feeds++;
      out.stats.feedItems += items.length;
      if (items.length === 0) {
        out.stats.emptyFeeds++;
        deps.log.warn({ source: source.id, url: feedUrl }, 'feed has no items: falling back to listing pages');
        complete = false;
      }
      for (const { href, hints } of items) {
        const article = rules.article(href, res.url);
        if (article) out.add(article, 'feed', null, hints);
        const event = rules.event(href, res.url);
        if (event) noteEvents(run, [{ url: event, name: '' }]);
      }
    } catch (error) {
      out.fail(feedUrl, error);
      complete = false;
    }
  }
  return complete;
}

/**
 * Walk a listing (or an event page's article list) through its pagination.
 * Stops at the page bound, at a page holding only known articles, at a page
 * with no articles, or at a 304 (nothing changed since the last walk).
 */
async function walkListing(run: Run, start: string, opts: { maxPages: number; event?: EventRef }): Promise<void> {
  const { source, deps, out } = run;
  const seen = new Set<string>();
  let event = opts.event;
  let url: string | null = start;
  for (let page = 1; url !== null && page <= opts.maxPages && !seen.has(url); page++) {
    seen.add(url);
    let html: string;
    let pageUrl: string;
    try {
      const res = await deps.fetcher.fetch(url, { sourceId: source.id, expect: 'html', conditional: !run.backfill });
      if (opts.event) out.stats.eventPages++;
      else out.stats.listingPages++;
      if (res.notModified) {
        out.stats.notModified++;
        return;
      }
      html = decodeHtml(res.body, res.contentType);
      pageUrl = res.url;
    } catch (error) {
      out.fail(url, error);
      return;
    }
    // One parse serves the links, the events and the event's name.
    const doc = parseHtml(html);
    const { links, next, hints } = extractLinks(doc, pageUrl, source.profile);
    noteEvents(run, findEventLinks(doc, pageUrl, run.rules));
    // An event only a feed named is named by its own page's heading.
    if (event && event.name === '') event = { url: event.url, name: eventName(doc) || event.url };
    for (const link of links) out.add(link, event ? 'event' : 'listing', event, hints.get(link));
    if (links.length === 0) return;
    if (!run.backfill) {
      const known = await Promise.all(links.map((l) => deps.isKnown(l)));
      if (known.every(Boolean)) return;
    }
    url = next;
  }
}

async function walkSitemap(run: Run, url: string, depth: number): Promise<void> {
  const { source, deps, out, rules } = run;
  try {
    const res = await deps.fetcher.fetch(url, { sourceId: source.id, expect: 'feed', conditional: !run.backfill });
    out.stats.sitemaps++;
    if (res.notModified) {
      out.stats.notModified++;
      return;
    }
    const { urls, children } = readSitemap(res);
    for (const { loc, hints } of urls) {
      const article = rules.article(loc, res.url);
      if (article) out.add(article, 'sitemap', null, hints);
    }
    // An index of indexes is allowed by the protocol but one level is all a news site needs.
    if (depth === 0) for (const child of children.slice(0, MAX_CHILD_SITEMAPS)) await walkSitemap(run, child, 1);
  } catch (error) {
    out.fail(url, error);
  }
}

async function walkEvents(run: Run): Promise<void> {
  const { source, deps, out } = run;
  const { list, maxEvents } = source.discovery.events;
  if (list !== null) {
    const listUrl = new URL(list, `${source.baseUrl}/`).toString();
    try {
      // Not conditional: an unchanged list still has event pages with new articles.
      const res = await deps.fetcher.fetch(listUrl, { sourceId: source.id, expect: 'html', conditional: false });
      out.stats.listingPages++;
      noteEvents(run, findEventLinks(parseHtml(decodeHtml(res.body, res.contentType)), res.url, run.rules));
    } catch (error) {
      out.fail(listUrl, error);
    }
  }
  const maxPages = run.deps.mode?.backfillPages ?? source.discovery.maxListingPages;
  for (const [url, name] of [...run.events].slice(0, maxEvents)) await walkListing(run, url, { maxPages, event: { url, name } });
}

export async function discover(source: SourceConfig, deps: DiscoverDeps): Promise<DiscoveryReport> {
  const parts = new Set<DiscoveryPart>(deps.mode?.parts ?? DISCOVERY_PARTS);
  const backfill = deps.mode?.backfillPages !== undefined;
  const run: Run = { source, deps, out: createCollector(deps.log, source.id), rules: urlRules(source), events: new Map(), backfill };

  const feedsComplete = parts.has('feeds') ? await readFeeds(run) : false;
  if (parts.has('listings') && (!feedsComplete || backfill)) {
    const maxPages = deps.mode?.backfillPages ?? source.discovery.maxListingPages;
    for (const listing of source.discovery.listings) await walkListing(run, listing, { maxPages });
  }
  if (parts.has('sitemaps')) for (const sitemap of source.discovery.sitemaps) await walkSitemap(run, sitemap, 0);
  if (parts.has('events')) await walkEvents(run);

  const report = run.out.report();
  deps.log.info({ source: source.id, links: report.links.length, failures: report.failures.length, ...report.stats }, 'discovery done');
  return report;
}
