/**
 * Listing pages, for discovery: which links on the page are articles of
 * this site, and where the next page is. Links are absolute, deduplicated,
 * in page order, fragment removed.
 */
import type { SiteProfile } from '../config/profile-schema.js';
import type { LinkHints } from '../core/hints.js';
import { absoluteUrl, firstMatch, textOf, type Doc, type Element, type Nodes } from './dom.js';

function sameSite(a: URL, b: URL): boolean {
  return a.hostname.replace(/^www\./, '') === b.hostname.replace(/^www\./, '');
}

function hrefs(doc: Doc, nodes: Nodes, pageUrl: string): string[] {
  return nodes
    .toArray()
    .map((el) => absoluteUrl(doc(el).attr('href'), pageUrl))
    .filter((u): u is string => u !== null);
}

/** A listing item is small: a teaser box holds a link or two (headline, thumbnail), never a whole list. */
const ITEM_MAX_LINKS = 3;
const DATE_NEAR = 'time, [class*="time"], [class*="date"], [class*="ago"]';
const TITLE_MIN_CHARS = 15;

/** The date and headline a listing prints beside a link (`2 giờ trước`, `18/01/2019 17:39`), from the smallest box around it. */
function hintsNear(doc: Doc, a: Element): LinkHints {
  let box = doc(a).parent();
  for (let up = 0; up < 3 && box.length > 0 && box.find('a[href]').length <= ITEM_MAX_LINKS; up++) {
    const date = box.find(DATE_NEAR).first();
    if (date.length > 0) {
      const published = date.attr('datetime')?.trim() || textOf(date) || null;
      if (published) return { title: titleOf(doc, a), published, section: null };
    }
    box = box.parent();
  }
  return { title: titleOf(doc, a), published: null, section: null };
}

function titleOf(doc: Doc, a: Element): string | null {
  const text = textOf(doc(a)) || (doc(a).attr('title')?.trim() ?? '');
  return text.length >= TITLE_MIN_CHARS ? text : null;
}

export interface ListingLinks {
  links: string[];
  next: string | null;
  /** What the listing printed beside each link: the article page's fallbacks. */
  hints: Map<string, LinkHints>;
}

export function extractLinks(doc: Doc, pageUrl: string, profile: SiteProfile): ListingLinks {
  const page = new URL(pageUrl);
  const articleUrl = new RegExp(profile.articleUrl, 'u');
  const excluded = profile.nonArticleUrls.map((p) => new RegExp(p, 'u'));
  // The profile's listing selectors when they match; every link on the page otherwise, filtered below.
  const matched = firstMatch(doc, profile.listing.links, true);
  const candidates = matched ? matched.filter('a[href]').add(matched.find('a[href]')) : doc('a[href]');
  const seen = new Set<string>([pageUrl]);
  const links: string[] = [];
  const hints = new Map<string, LinkHints>();
  for (const el of candidates.toArray()) {
    if (el.type !== 'tag') continue;
    const href = absoluteUrl(el.attribs.href, pageUrl);
    if (href === null) continue;
    const url = new URL(href);
    url.hash = '';
    if (!sameSite(url, page)) continue;
    if (!articleUrl.test(url.pathname) || excluded.some((re) => re.test(url.pathname))) continue;
    const absolute = url.toString();
    const near = hintsNear(doc, el);
    // A thumbnail link comes before the headline link to the same page: a later link may still say more.
    const known = hints.get(absolute);
    if (known) hints.set(absolute, { title: known.title ?? near.title, published: known.published ?? near.published, section: null });
    else hints.set(absolute, near);
    if (seen.has(absolute)) continue;
    seen.add(absolute);
    links.push(absolute);
  }
  hints.delete(pageUrl);
  const nextNodes = firstMatch(doc, profile.listing.next, true) ?? doc('link[rel="next"], a[rel="next"]');
  const next = hrefs(doc, nextNodes.first(), pageUrl)[0] ?? null;
  return { links, next: next && next !== pageUrl ? next : null, hints };
}
