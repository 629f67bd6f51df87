/**
 * What a site's own pages say about it: feeds they advertise, the sections
 * their navigation links, the links that look like articles, the site's
 * name. Read from the home page and section pages during the probe.
 */
import type { Doc } from '../extract/index.js';
import { absoluteHttpUrl } from '../core/url.js';

const FEED_TYPES = 'link[rel~="alternate"][type*="rss"], link[rel~="alternate"][type*="atom"], link[rel~="alternate"][type*="feed"]';
/** On an HTML "RSS" page (vnexpress.net/rss): links to the feeds themselves. */
const FEED_PATH = /(?:\.rss|\/(?:rss|feed|atom)(?:\.xml)?|rss\.xml|feed\.xml|atom\.xml)$/i;
const NAV = ['nav', 'header', '[role="navigation"]', '[class*="menu"]', '[class*="nav"]', '[id*="menu"]', '[id*="nav"]'].map((s) => `${s} a[href]`).join(', ');
/** Navigation links that are never news sections. */
const NOT_SECTION = /(?:^|\/|-)(?:dang-nhap|dang-ky|tim-kiem|lien-he|gioi-thieu|quang-cao|rss|feed|video|podcast|login|register|search|tag|tags|tac-gia|author|contact|about|sitemap)(?:$|\/|\.|-)/i;
const MAX_SECTIONS = 8;

export const siteKey = (host: string): string => host.toLowerCase().replace(/^www\./, '');

function urlsOf($: Doc, selector: string, pageUrl: string): URL[] {
  return $(selector)
    .toArray()
    .map((el) => absoluteHttpUrl($(el).attr('href') ?? '', pageUrl))
    .filter((u): u is URL => u !== null)
    .map((u) => {
      u.hash = '';
      return u;
    });
}

const unique = (urls: string[]): string[] => [...new Set(urls)];

/** Feeds a page advertises with `<link rel="alternate">`, and on an HTML feed directory, the feeds it links. */
export function advertisedFeeds($: Doc, pageUrl: string): string[] {
  const linked = urlsOf($, 'a[href]', pageUrl).filter((u) => FEED_PATH.test(u.pathname));
  return unique([...urlsOf($, FEED_TYPES, pageUrl), ...linked].map((u) => u.toString()));
}

/** The sections the page's navigation links: same site, one or two short path segments. */
export function navSections($: Doc, pageUrl: string): string[] {
  const page = new URL(pageUrl);
  const sections = urlsOf($, NAV, pageUrl).filter((u) => {
    if (siteKey(u.hostname) !== siteKey(page.hostname) || u.search !== '') return false;
    const segments = u.pathname.split('/').filter((s) => s !== '');
    const last = segments.at(-1) ?? '';
    if (segments.length < 1 || segments.length > 2 || u.pathname === page.pathname) return false;
    // A section is a word or a few ("khoa-hoc-cong-nghe"); a longer slug is a headline.
    return last.split('-').length <= 4 && !/\d{4,}/.test(last) && !NOT_SECTION.test(u.pathname);
  });
  return unique(sections.map((u) => u.toString())).slice(0, MAX_SECTIONS);
}

/** Same-site links that look like articles: a headline slug, or an id of five digits or more beside words. */
export function articleLikeLinks($: Doc, pageUrl: string, exclude: ReadonlySet<string> = new Set()): string[] {
  const page = new URL(pageUrl);
  const links = urlsOf($, 'a[href]', pageUrl).filter((u) => {
    if (siteKey(u.hostname) !== siteKey(page.hostname) || exclude.has(u.toString())) return false;
    const last = u.pathname.split('/').filter((s) => s !== '').at(-1) ?? '';
    const words = last.replace(/\.[a-z]+$/i, '').split('-').length;
    return (words >= 4 || (/\d{5,}/.test(u.pathname) && words >= 2)) && !NOT_SECTION.test(u.pathname);
  });
  return unique(links.map((u) => u.toString()));
}

/** The site's name: `og:site_name`, else the home page title up to its tagline. */
export function siteName($: Doc): string | null {
  const og = $('meta[property="og:site_name"]').attr('content')?.trim();
  if (og) return og;
  const title = $('title').first().text().replace(/\s+/g, ' ').trim();
  return title.split(/\s[-|–—:]\s/)[0]?.trim() || null;
}
