/**
 * Boilerplate inside a body that no profile chose: share bars, tag lists,
 * "related" and "don't miss" boxes, newsletter and comment prompts, gallery
 * chrome, photo credits, and the byline and date lines a CMS prints above or
 * below the text (the record has those in their own fields). Readability
 * and `articleBody` containers keep all of these; a profile says what to
 * strip in its own `strip` rules instead.
 *
 * Every rule removes small things only: an element holding a large share
 * of the body's text is never removed, whatever its class says.
 */
import { textOf, type AnyNode, type Doc, type Element, type Nodes } from './dom.js';

// Class or id words of chrome. Matched as whole words of the attribute (split on space, - and _).
const JUNK_WORDS = new Set([
  'share', 'sharing', 'shares', 'sharebar', 'social', 'socials', 'related', 'recommended', 'recommendations', 'promo', 'promotion',
  'newsletter', 'subscribe', 'subscription', 'signup', 'advert', 'advertisement', 'ad', 'ads', 'adslot', 'adunit', 'sponsor', 'sponsored',
  'comment', 'comments', 'disqus', 'byline', 'dateline', 'timestamp', 'breadcrumb', 'breadcrumbs', 'toolbar', 'outbrain', 'taboola',
  'popup', 'modal', 'rollover', 'tooltip', 'hovercard', 'sronly', 'readmore', 'trending', 'popular', 'tags', 'tag', 'taglist', 'keywords',
  'gallery', 'slideshow', 'carousel', 'credit', 'credits', 'caption', 'print', 'hidden', 'hide', 'nocontent', 'noprint', 'author', 'meta',
]);
const JUNK_PHRASES = /\b(?:sr only|visually hidden|screen reader|read more|more stories|also like|also read|most read|most popular|post meta|entry meta|article meta)\b/;
const NEVER_JUNK = new Set(['figure', 'figcaption', 'img', 'picture', 'video', 'iframe', 'table', 'tbody', 'tr', 'td', 'th', 'blockquote', 'pre', 'code']);

/** Headings of "more from us" boxes, in the languages of the sites we read. */
const RELATED_HEADING = /^(?:you (?:may|might) also like|related(?: articles| stories| news| posts)?|read more|read next|more from|more on this|more (?:news|stories)|don'?t miss|see more|see also|most popular|most read|trending|recommended(?: for you)?|tin liên quan|bài liên quan|bài viết liên quan|xem thêm|đọc thêm|tin cùng chuyên mục|tin khác|có thể bạn quan tâm|tin mới nhất)\b/iu;
// Lines a CMS prints around the text, not in it.
const EDGE_LINE = /^(?:by\s+\p{Lu}|from\s+\p{Lu}|published\b|updated\b|posted\b|last (?:updated|modified)\b|first published\b|cập nhật\b|đăng lúc\b|ngày đăng\b|\(?(?:photos?|images?|pictures?|credits?)\s*:|©|copyright\b|have a tip\b|get the latest\b|sign up\b|subscribe\b|follow (?:us|him|her|them|@)|click here\b|continue reading\b|advertisement$|quảng cáo$|share (?:this|on)\b)/iu;
const CREDIT_TAIL = /\((?:image|photo|picture)s?:[^)]*\)$/iu;
// Lines that are chrome wherever they stand: widget labels, gallery counters, bare URLs, date stamps, credits.
const CHROME_LINE = /^(?:advert(?:isement)?|ads?|comments?|\d+ comments?|caption|close|sign in|log in|breaking news|share|tweet|e-?mail|print|menu|search|loading\W*|(?:image|photo|slide) \d+ (?:of|\/).*|\d+ (?:of|\/) \d+|https?:\/\/\S+|quảng cáo|bình luận|chia sẻ)$/iu;
const STAMP_LINE = /^(?:published|updated|posted|last updated|first published|cập nhật|đăng lúc|ngày đăng)\b.*\d/iu;
const CREDIT_LINE = /^(?:\(?(?:photos?|images?|pictures?|credits?)\s*:|©)/iu;
const NOISE = /\b(?:requires javascript|uses cookies|accept cookies|enable javascript|tell us what you think|delivered to your inbox|news alerts|sign up for (?:our|the)|newsletters?\b)/iu;
const LINE_MAX_CHARS = 100;
const EDGE_MAX_CHARS = 160;
/** How many blocks at each end of the body the edge rule looks at. */
const EDGE_BLOCKS = 4;
/** A short block made mostly of link text is a teaser or a list of links. */
const LINK_BLOCK_MAX_CHARS = 220;
const LINK_BLOCK_SHARE = 0.6;
/** Never remove an element holding more than this share of the body's text. */
const MAX_REMOVED_SHARE = 0.25;

const BLOCKS = 'p, div, ul, ol, li, section, aside, header, footer, h1, h2, h3, h4, h5, h6, span, figure';

function words(el: Element): string[] {
  const attr = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase();
  return attr.split(/[\s_-]+/).filter((w) => w !== '');
}

function looksLikeChrome(el: Element): boolean {
  if (NEVER_JUNK.has(el.name)) return false;
  if (el.name === 'aside' || el.name === 'nav' || el.name === 'footer' || el.name === 'form' || el.name === 'button') return true;
  const list = words(el);
  if (list.length === 0) return false;
  return list.some((w) => JUNK_WORDS.has(w)) || JUNK_PHRASES.test(list.join(' '));
}

function linkTextLength(doc: Doc, el: Nodes): number {
  return el
    .find('a')
    .toArray()
    .reduce((sum, a) => sum + textOf(doc(a)).length, 0);
}

/** Blocks with text and no blocks inside, in document order: the lines a reader sees. */
function leafBlocks(doc: Doc, scope: Nodes): Element[] {
  return scope
    .find('p, h1, h2, h3, h4, h5, h6, li, div')
    .toArray()
    .filter((el) => textOf(doc(el)) !== '' && doc(el).find('p, div, li, h1, h2, h3, h4, h5, h6').length === 0);
}

/** Leaf blocks at the top and bottom of the body: where bylines, dates and prompts sit. */
function edgeBlocks(doc: Doc, scope: Nodes): Element[] {
  const blocks = leafBlocks(doc, scope);
  return [...blocks.slice(0, EDGE_BLOCKS), ...blocks.slice(Math.max(EDGE_BLOCKS, blocks.length - EDGE_BLOCKS))];
}

/** Remove a "related" heading and the link lists right after it. */
function removeHeadedList(doc: Doc, heading: Nodes): void {
  let next = heading.next();
  while (next.length > 0 && next.find('a').length > 0 && textOf(next).length - linkTextLength(doc, next) < 40) {
    const after = next.next();
    next.remove();
    next = after;
  }
  heading.remove();
}

/** Clean a chosen body in place. */
export function removeBoilerplate(doc: Doc, scope: Nodes): void {
  const total = Math.max(1, textOf(scope).length);
  const small = (el: Nodes): boolean => textOf(el).length <= total * MAX_REMOVED_SHARE;

  for (const el of scope.find('*').toArray()) {
    if (el.type === 'tag' && isAttached(el, scope[0]) && looksLikeChrome(el) && small(doc(el))) doc(el).remove();
  }
  for (const el of scope.find(BLOCKS).toArray()) {
    if (!isAttached(el, scope[0])) continue;
    const node = doc(el);
    const text = textOf(node);
    if (text === '') continue;
    if (text.length <= 60 && RELATED_HEADING.test(text.replace(/[:.…]+$/u, '')) && small(node)) {
      removeHeadedList(doc, node);
      continue;
    }
    const links = linkTextLength(doc, node);
    if (text.length <= LINK_BLOCK_MAX_CHARS && links >= text.length * LINK_BLOCK_SHARE && small(node)) node.remove();
    // "DON'T MISS" and its links in one paragraph.
    else if (RELATED_HEADING.test(text) && links >= text.length * 0.5 && small(node)) node.remove();
  }
  const seen = new Set<string>();
  for (const el of leafBlocks(doc, scope)) {
    // "| UPDATED: 10:43": the separator of a line split in two is no part of it.
    const text = textOf(doc(el)).replace(/^[\s|•·–—-]+/u, '');
    const short = text.length <= LINE_MAX_CHARS;
    // A block said twice (a gallery repeats every caption) keeps its first copy.
    const repeated = text.length >= 60 && seen.has(text);
    seen.add(text);
    const line = short && (CHROME_LINE.test(text) || STAMP_LINE.test(text) || CREDIT_LINE.test(text));
    if (repeated || line || (text.length <= EDGE_MAX_CHARS && (NOISE.test(text) || CREDIT_TAIL.test(text)))) doc(el).remove();
  }
  for (const el of edgeBlocks(doc, scope)) {
    const text = textOf(doc(el));
    if (text.length <= EDGE_MAX_CHARS && (EDGE_LINE.test(text) || CREDIT_TAIL.test(text))) doc(el).remove();
  }
}

function isAttached(el: AnyNode, root: AnyNode | undefined): boolean {
  for (let node: AnyNode | null = el; node; node = node.parent) if (node === root) return true;
  return false;
}
