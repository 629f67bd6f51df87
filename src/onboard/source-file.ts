/**
 * The new source as its YAML file holds it: discovery chosen from what the
 * probe found, politeness, the learned profile. URLs under baseUrl are
 * written relative to it, like the shipped files, so pointing baseUrl at a
 * mirror moves the whole source.
 */
import type { ProfileCase } from '../config/index.js';
import { profileObject, type ProfileDraft } from './draft-profile.js';
import type { Probe } from './probe.js';

/** Feeds read per run at most: a site with a feed per section needs only its main ones. */
const MAX_FEEDS = 5;
const MAX_LISTINGS = 5;
/** A listing page must link this many articles to be worth walking. */
const MIN_LISTING_LINKS = 3;

export interface Discovery {
  feeds: string[];
  listings: string[];
  sitemaps: string[];
}

/**
 * Feeds first; the sections as listings (the crawl's fallback when a feed is
 * empty, and its only way in without one); news sitemaps, and a plain
 * sitemap only when there is nothing else, since it lists the whole archive.
 */
export function chooseDiscovery(probe: Probe, articleUrl: string): Discovery {
  const isArticle = new RegExp(articleUrl, 'u');
  const articles = (links: string[]): number => links.filter((l) => isArticle.test(new URL(l).pathname)).length;
  const feeds = probe.feeds.slice(0, MAX_FEEDS).map((f) => f.url);
  let listings = probe.sections.filter((s) => articles(s.links) >= MIN_LISTING_LINKS).map((s) => s.url).slice(0, MAX_LISTINGS);
  if (listings.length === 0 && articles(probe.homeLinks) >= MIN_LISTING_LINKS) listings = [probe.home];
  const news = probe.sitemaps.filter((s) => s.news && s.urls > 0).map((s) => s.url);
  const plain = probe.sitemaps.filter((s) => !s.news && s.urls > 0).map((s) => s.url);
  const sitemaps = news.length > 0 || feeds.length > 0 || listings.length > 0 ? news : plain.slice(0, 1);
  // The schema wants one way in at least; the home page is always one.
  if (feeds.length + listings.length + sitemaps.length === 0) listings = [probe.home];
  return { feeds, listings, sitemaps };
}

/** `https://x.vn/rss.xml` → `/rss.xml` under baseUrl `https://x.vn`; anything elsewhere stays absolute. */
export function relativeTo(baseUrl: string, url: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  if (url === baseUrl || url === base) return '/';
  return url.startsWith(base) ? `/${url.slice(base.length)}` : url;
}

export interface SourceFileInput {
  id: string;
  name: string;
  baseUrl: string;
  /** The real site's host: its canonical links stay trusted when baseUrl points at a mirror. */
  site: string;
  discovery: Discovery;
  minIntervalMs: number;
  draft: ProfileDraft;
  articleUrl: string;
  cases: ProfileCase[];
}

export function sourceObject(input: SourceFileInput): Record<string, unknown> {
  const rel = (urls: string[]): string[] => urls.map((u) => relativeTo(input.baseUrl, u));
  return {
    id: input.id,
    name: input.name,
    baseUrl: input.baseUrl,
    site: input.site,
    schedule: { cron: '*/30 * * * *', timezone: 'Asia/Ho_Chi_Minh', maxRandomDelaySeconds: 120 },
    discovery: {
      feeds: rel(input.discovery.feeds),
      listings: rel(input.discovery.listings),
      sitemaps: rel(input.discovery.sitemaps),
      maxListingPages: 2,
      maxArticlesPerRun: 100,
    },
    politeness: { minIntervalMs: input.minIntervalMs, concurrency: 2 },
    topicAliases: {},
    profile: {
      ...profileObject(input.draft, { articleUrl: input.articleUrl }),
      ...(input.cases.length > 0 ? { cases: input.cases.map((c) => ({ fixture: c.fixture, url: c.url, expect: c.expect })) } : {}),
    },
  };
}
