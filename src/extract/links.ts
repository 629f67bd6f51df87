/**
 * Listing pages, for discovery: which links on the page are articles of
 * this site, and where the next page is. Links are absolute, deduplicated,
 * in page order, fragment removed.
 */
import type { SiteProfile } from '../config/profile-schema.js';
import { absoluteUrl, firstMatch, type Doc, type Nodes } from './dom.js';

function sameSite(a: URL, b: URL): boolean {
  return a.hostname.replace(/^www\./, '') === b.hostname.replace(/^www\./, '');
}

function hrefs(doc: Doc, nodes: Nodes, pageUrl: string): string[] {
  return nodes
    .toArray()
    .map((el) => absoluteUrl(doc(el).attr('href'), pageUrl))
    .filter((u): u is string => u !== null);
}

export function extractLinks(doc: Doc, pageUrl: string, profile: SiteProfile): { links: string[]; next: string | null } {
  const page = new URL(pageUrl);
  const articleUrl = new RegExp(profile.articleUrl, 'u');
  const excluded = profile.nonArticleUrls.map((p) => new RegExp(p, 'u'));
  // The profile's listing selectors when they match; every link on the page otherwise, filtered below.
  const matched = firstMatch(doc, profile.listing.links, true);
  const candidates = matched ? matched.filter('a[href]').add(matched.find('a[href]')) : doc('a[href]');
  const seen = new Set<string>([pageUrl]);
  const links: string[] = [];
  for (const href of hrefs(doc, candidates, pageUrl)) {
    const url = new URL(href);
    url.hash = '';
    if (!sameSite(url, page)) continue;
    if (!articleUrl.test(url.pathname) || excluded.some((re) => re.test(url.pathname))) continue;
    const absolute = url.toString();
    if (seen.has(absolute)) continue;
    seen.add(absolute);
    links.push(absolute);
  }
  const nextNodes = firstMatch(doc, profile.listing.next, true) ?? doc('link[rel="next"], a[rel="next"]');
  const next = hrefs(doc, nextNodes.first(), pageUrl)[0] ?? null;
  return { links, next: next && next !== pageUrl ? next : null };
}
