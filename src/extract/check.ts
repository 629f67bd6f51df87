/**
 * "Is there an article on this page?" Listing, event, 404 and login pages
 * all have a title and plenty of text; what they lack is prose: paragraphs
 * of substance that are not link text.
 */
import { NotAnArticleError } from '../core/errors.js';
import { query, textLength, textOf, type Doc, type Nodes } from './dom.js';

/** Less paragraph text than this is a teaser, a stub or chrome, not an article. */
export const MIN_PROSE_CHARS = 150;
/** A block with this many links and mostly link text is a list of articles. */
const LISTING_MIN_LINKS = 8;
const LISTING_LINK_SHARE = 0.3;

const NOT_FOUND = /(^|\s)404(\s|$)|không tìm thấy|page not found|trang bạn tìm|không tồn tại/iu;
const LOGIN_TEXT = /đăng nhập để (đọc|xem)|vui lòng đăng nhập|dành cho (thành viên|bạn đọc) trả phí|đăng ký gói/iu;

export function rejectUrl(url: string, nonArticleUrls: readonly string[]): void {
  const { pathname } = new URL(url);
  const hit = nonArticleUrls.find((pattern) => new RegExp(pattern, 'u').test(pathname));
  if (hit) throw new NotAnArticleError(url, `URL path matches non-article pattern ${hit}`);
}

/** Signals read from the whole page before any field is looked for; `title` and `h1` are the texts of the page's first ones. */
export function rejectPage(doc: Doc, url: string, paywall: readonly string[], title: string, h1: string): void {
  const heading = `${title} | ${h1}`;
  if (NOT_FOUND.test(heading)) throw new NotAnArticleError(url, `404 page ("${heading}")`);
  const wall = paywall.find((selector) => query(doc, selector).length > 0);
  if (wall) throw new NotAnArticleError(url, `login wall (${wall})`);
}

export interface BodyStats {
  /**
   * Characters of text outside links. Exact below MIN_PROSE_CHARS; above it, when there are fewer links than
   * a listing has, only known to be at least that (nothing asks more).
   */
  prose: number;
  links: number;
  /** The share of the text in links; null with fewer links than a listing has. */
  linkShare: number | null;
}

/** Measure a body element without changing it. */
export function bodyStats(doc: Doc, body: Nodes): BodyStats {
  const links = body.find('a').toArray();
  const linkText = links.reduce((sum, a) => sum + textLength(doc(a)), 0);
  if (links.length < LISTING_MIN_LINKS) {
    // Not a listing, so the only question left is whether there is prose enough: the count of a whole body
    // (kilobytes, character by character) stops once the answer is yes.
    return { prose: textLength(body, linkText + MIN_PROSE_CHARS) - linkText, links: links.length, linkShare: null };
  }
  const all = textLength(body);
  // Text outside links, in whatever blocks the site uses: many write paragraphs as <div>s, not <p>s.
  return { prose: all - linkText, links: links.length, linkShare: all === 0 ? 0 : linkText / all };
}

/**
 * A password field or login wording anywhere on the page. The field is looked
 * for now, before the body is (finding it strips form controls); the wording,
 * a read of the whole text, only when a thin body makes it matter.
 */
export function loginWallCheck(doc: Doc): () => boolean {
  const password = query(doc, 'input[type=password]').length > 0;
  return () => password || LOGIN_TEXT.test(textOf(query(doc, 'body')));
}

/** After the body is chosen: reject when it is not prose. */
export function rejectBody(url: string, stats: BodyStats, loginWall: () => boolean): void {
  if (stats.prose < MIN_PROSE_CHARS && loginWall()) {
    throw new NotAnArticleError(url, 'login wall: little text and a login form');
  }
  if (stats.linkShare !== null && stats.linkShare >= LISTING_LINK_SHARE) {
    throw new NotAnArticleError(url, `listing page: ${stats.links} links make up ${Math.round(stats.linkShare * 100)}% of the text`);
  }
  if (stats.prose < MIN_PROSE_CHARS) {
    throw new NotAnArticleError(url, `no body text of substance (${stats.prose} characters of paragraphs)`);
  }
}
