/**
 * The probe: what a site offers the crawl, found the way a person would.
 * Feeds its pages advertise (`<link rel="alternate">` on the home page and
 * section pages) and those at the usual paths; sitemaps from robots.txt and
 * `/sitemap.xml` (news sitemaps told apart); the sections its navigation
 * links, as listing pages. Every request goes through the crawl's fetcher,
 * so robots.txt, the host's budget and the SSRF guard apply here too.
 */
import { readFeed, readSitemap } from '../discover/index.js';
import { decodeHtml, parseHtml, type Doc } from '../extract/index.js';
import { FetchError, looksLikeHtml, type Fetcher } from '../fetch/index.js';
import { absoluteHttpUrl } from '../core/url.js';
import { OnboardError } from './errors.js';
import { advertisedFeeds, articleLikeLinks, navSections, siteKey, siteName } from './page-links.js';

/** Where feeds usually live on Vietnamese news sites, relative to the base URL. */
export const COMMON_FEEDS = ['rss', 'rss.xml', 'feed', 'rss/home.rss'];
const COMMON_SITEMAPS = ['sitemap.xml'];
/** Sections fetched to look for feeds and article links: enough to see the site's habits. */
const MAX_SECTIONS = 4;
const MAX_FEED_TRIES = 10;
/** News children of a sitemap index read: they hold the recent articles. */
const MAX_NEWS_CHILDREN = 2;

export interface FoundFeed {
  url: string;
  items: number;
  via: string;
}

export interface FoundSitemap {
  url: string;
  news: boolean;
  urls: number;
  via: string;
}

export interface FoundSection {
  url: string;
  /** Same-site links on it that look like articles. */
  links: string[];
}

export interface Probe {
  home: string;
  name: string | null;
  feeds: FoundFeed[];
  sitemaps: FoundSitemap[];
  sections: FoundSection[];
  /** Article-looking links of the home page itself: it is a listing too. */
  homeLinks: string[];
  /** Article URLs to sample, feeds first: feeds and news sitemaps list articles and nothing else. */
  candidates: string[];
}

export interface ProbeDeps {
  fetcher: Fetcher;
  sourceId: string;
  /** A line of progress for the person waiting. */
  step?: (line: string) => void;
}

interface Page {
  url: string;
  doc: Doc;
}

const under = (base: string, ref: string): string => new URL(ref, base.endsWith('/') ? base : `${base}/`).toString();

async function page(deps: ProbeDeps, url: string): Promise<Page> {
  const res = await deps.fetcher.fetch(url, { sourceId: deps.sourceId, expect: 'html', conditional: false });
  return { url: res.url, doc: parseHtml(decodeHtml(res.body, res.contentType)) };
}

/** A page that fails (a 404 section, a timeout) is simply not there to learn from. */
async function pageIfAny(deps: ProbeDeps, url: string): Promise<Page | null> {
  try {
    return await page(deps, url);
  } catch (error) {
    if (error instanceof FetchError) return null;
    throw error;
  }
}

/** Same-site absolute URLs of hrefs as a feed or sitemap wrote them. */
function ours(hrefs: string[], base: string, site: string): string[] {
  return hrefs
    .map((href) => absoluteHttpUrl(href, base))
    .filter((u): u is URL => u !== null && siteKey(u.hostname) === site)
    .map((u) => u.toString());
}

async function sitemapLines(deps: ProbeDeps, home: string): Promise<string[]> {
  try {
    const res = await deps.fetcher.fetch(new URL('/robots.txt', home).toString(), { sourceId: deps.sourceId, expect: 'any', conditional: false });
    return [...res.body.toString('utf8').matchAll(/^\s*sitemap\s*:\s*(\S+)/gim)].map((m) => new URL(m[1]!, home).toString());
  } catch (error) {
    if (error instanceof FetchError) return [];
    throw error;
  }
}

/** Tries each feed URL once; an HTML page among them (an "RSS" directory page) adds the feeds it links. */
async function findFeeds(deps: ProbeDeps, queue: { url: string; via: string }[], site: string): Promise<{ feeds: FoundFeed[]; items: string[] }> {
  const feeds: FoundFeed[] = [];
  const items: string[] = [];
  const tried = new Set<string>();
  for (let i = 0; i < queue.length && tried.size < MAX_FEED_TRIES; i++) {
    const { url, via } = queue[i]!;
    if (tried.has(url)) continue;
    tried.add(url);
    try {
      const res = await deps.fetcher.fetch(url, { sourceId: deps.sourceId, expect: 'feed', conditional: false });
      if (looksLikeHtml(res.body)) {
        const doc = parseHtml(decodeHtml(res.body, res.contentType));
        for (const linked of advertisedFeeds(doc, res.url)) queue.push({ url: linked, via: `linked from ${new URL(url).pathname}` });
        continue;
      }
      const links = ours(
        (await readFeed(res)).map((item) => item.href),
        res.url,
        site,
      );
      if (links.length === 0) continue;
      feeds.push({ url: res.url, items: links.length, via });
      items.push(...links);
    } catch (error) {
      // A 404 at a common path, or something that is no feed: simply not a feed.
      if (!(error instanceof FetchError)) throw error;
    }
  }
  return { feeds, items };
}

async function findSitemaps(deps: ProbeDeps, queue: { url: string; via: string }[], site: string): Promise<{ sitemaps: FoundSitemap[]; news: string[]; plain: string[] }> {
  const out = { sitemaps: [] as FoundSitemap[], news: [] as string[], plain: [] as string[] };
  const tried = new Set<string>();
  for (let i = 0; i < queue.length; i++) {
    const { url, via } = queue[i]!;
    if (tried.has(url)) continue;
    tried.add(url);
    try {
      const res = await deps.fetcher.fetch(url, { sourceId: deps.sourceId, expect: 'feed', conditional: false });
      const content = readSitemap(res);
      const children = content.children.filter((c) => /news/i.test(c)).slice(0, MAX_NEWS_CHILDREN);
      for (const child of children) queue.push({ url: child, via: `listed in ${new URL(url).pathname}` });
      if (content.children.length > 0) continue;
      const news = /xmlns:news|<news:news[\s>]/.test(res.body.toString('utf8', 0, 4096));
      const locs = ours(
        content.urls.map((u) => u.loc),
        res.url,
        site,
      );
      out.sitemaps.push({ url: res.url, news, urls: locs.length, via });
      (news ? out.news : out.plain).push(...locs);
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
    }
  }
  return out;
}

/** Round-robin over the sections, so the samples are not all from the first one. */
function interleave(lists: readonly string[][]): string[] {
  const out: string[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}

export async function probeSite(home: string, deps: ProbeDeps): Promise<Probe> {
  const step = deps.step ?? (() => undefined);
  const site = siteKey(new URL(home).hostname);
  const robotsSitemaps = await sitemapLines(deps, home);
  let front: Page;
  try {
    front = await page(deps, home);
  } catch (error) {
    if (!(error instanceof FetchError)) throw error;
    // The fetcher's class (refused, robots-denied, http-4xx...) is the reason.
    throw new OnboardError('unreachable', `cannot read the home page: ${error.message}`, { cause: error });
  }
  step(`probe: home page ${front.url}`);
  const sectionUrls = navSections(front.doc, front.url);
  const feedQueue = [
    ...advertisedFeeds(front.doc, front.url).map((url) => ({ url, via: 'home page <link rel=alternate>' })),
    ...COMMON_FEEDS.map((ref) => ({ url: under(home, ref), via: 'common path' })),
  ];
  const sections: FoundSection[] = [];
  for (const url of sectionUrls.slice(0, MAX_SECTIONS)) {
    const p = await pageIfAny(deps, url);
    if (p === null) continue;
    for (const feed of advertisedFeeds(p.doc, p.url)) feedQueue.push({ url: feed, via: `section page ${new URL(p.url).pathname} <link rel=alternate>` });
    sections.push({ url: p.url, links: articleLikeLinks(p.doc, p.url, new Set(sectionUrls)) });
  }
  step(`probe: ${sectionUrls.length} navigation sections, ${sections.length} read`);
  const { feeds, items } = await findFeeds(deps, feedQueue, site);
  step(`probe: ${feeds.length} feed(s)`);
  const sitemapQueue = [
    ...robotsSitemaps.map((url) => ({ url, via: 'robots.txt' })),
    ...COMMON_SITEMAPS.map((ref) => ({ url: under(home, ref), via: 'common path' })),
  ];
  const maps = await findSitemaps(deps, sitemapQueue, site);
  step(`probe: ${maps.sitemaps.length} sitemap(s)`);
  const homeLinks = articleLikeLinks(front.doc, front.url, new Set(sectionUrls));
  const candidates = [...new Set([...items, ...maps.news, ...interleave(sections.map((s) => s.links)), ...homeLinks, ...maps.plain])];
  return { home: front.url, name: siteName(front.doc), feeds, sitemaps: maps.sitemaps, sections, homeLinks, candidates };
}
