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
  'rail', 'teaser', 'teasers', 'sidebar', 'recirc', 'recirculation', 'upnext',
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
const NOISE = /\b(?:requires javascript|uses cookies|accept cookies|enable javascript|tell us what you think|delivered to your inbox|news alerts|sign up for (?:our|the)|newsletters?\b|theo dõi .{1,60} trên (?:google news|zalo|facebook|youtube|tiktok)|mời (?:quý )?(?:độc giả|bạn đọc) theo dõi|tải ứng dụng)/iu;
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

interface Measure {
  /** Text length as a reader sees it (runs of space counted once). */
  text: number;
  /** Of which inside links. */
  links: number;
  /** Holds a block element (p, div, li, heading): not a line of its own. */
  hasBlock: boolean;
  /** Holds a picture, video or embed: a gallery's pictures are the article's, whatever its class says. */
  hasMedia: boolean;
}

const MEDIA = new Set(['img', 'picture', 'figure', 'video', 'iframe', 'audio']);

const LEAF_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'div']);
const BLOCK_SET = new Set(BLOCKS.split(', '));

/**
 * Text and link-text lengths of every element, in one post-order walk: asking
 * each block for its text would read the same text once per ancestor.
 * Counts go stale (too high) for ancestors of what is removed later, which
 * only makes the rules more careful.
 */
function measure(root: AnyNode): Map<Element, Measure> {
  const out = new Map<Element, Measure>();
  const visit = (node: AnyNode, inLink: boolean): Measure => {
    if (node.type === 'text') {
      const t = node.data.replace(/\s+/g, ' ').trim();
      const length = t === '' ? 0 : t.length + 1;
      return { text: length, links: inLink ? length : 0, hasBlock: false, hasMedia: false };
    }
    if (node.type !== 'tag' && node.type !== 'root') return { text: 0, links: 0, hasBlock: false, hasMedia: false };
    const link = inLink || (node.type === 'tag' && node.name === 'a');
    const m: Measure = { text: 0, links: 0, hasBlock: false, hasMedia: false };
    for (const child of node.children) {
      const c = visit(child, link);
      m.text += c.text;
      m.links += c.links;
      if (c.hasBlock || (child.type === 'tag' && LEAF_BLOCKS.has(child.name))) m.hasBlock = true;
      if (c.hasMedia || (child.type === 'tag' && MEDIA.has(child.name))) m.hasMedia = true;
    }
    if (node.type === 'tag') out.set(node, m);
    return m;
  };
  visit(root, false);
  return out;
}

/** Remove a "related" heading and the link lists right after it. */
function removeHeadedList(doc: Doc, heading: Nodes, sizes: Map<Element, Measure>): void {
  let next = heading.next();
  for (let m = sizes.get(next[0] as Element); next.length > 0 && m && m.links > 0 && m.text - m.links < 40; m = sizes.get(next[0] as Element)) {
    const after = next.next();
    next.remove();
    next = after;
  }
  heading.remove();
}

/** Clean a chosen body in place. */
export function removeBoilerplate(doc: Doc, scope: Nodes): void {
  const root = scope[0];
  if (!root) return;
  const sizes = measure(root);
  const total = Math.max(1, [...sizes.values()].reduce((max, m) => Math.max(max, m.text), 0));
  const small = (m: Measure): boolean => m.text <= total * MAX_REMOVED_SHARE;
  const elements = scope.find('*').toArray().filter((el): el is Element => el.type === 'tag');

  for (const el of elements) {
    const m = sizes.get(el);
    if (m && small(m) && !m.hasMedia && looksLikeChrome(el) && isAttached(el, root)) doc(el).remove();
  }
  const leaves: Element[] = [];
  for (const el of elements) {
    const m = sizes.get(el);
    if (!m || m.text === 0 || !BLOCK_SET.has(el.name) || !isAttached(el, root)) continue;
    if (LEAF_BLOCKS.has(el.name) && !m.hasBlock) leaves.push(el);
    if (!small(m)) continue;
    const linkDense = m.links >= m.text * 0.5;
    if (m.text > 62 && !linkDense) continue;
    const node = doc(el);
    const text = textOf(node);
    if (text.length <= 60 && RELATED_HEADING.test(text.replace(/[:.…]+$/u, ''))) removeHeadedList(doc, node, sizes);
    else if (text.length <= LINK_BLOCK_MAX_CHARS && m.links >= m.text * LINK_BLOCK_SHARE) node.remove();
    // "DON'T MISS" and its links in one paragraph.
    else if (linkDense && RELATED_HEADING.test(text)) node.remove();
  }

  const lines = leaves.filter((el) => isAttached(el, root));
  const seen = new Set<string>();
  for (const el of lines) {
    // "| UPDATED: 10:43": the separator of a line split in two is no part of it.
    const text = textOf(doc(el)).replace(/^[\s|•·–—-]+/u, '');
    const short = text.length <= LINE_MAX_CHARS;
    // A block said twice (a gallery repeats every caption) keeps its first copy.
    const repeated = text.length >= 60 && seen.has(text);
    seen.add(text);
    const line = short && (CHROME_LINE.test(text) || STAMP_LINE.test(text) || CREDIT_LINE.test(text));
    if (repeated || line || (text.length <= EDGE_MAX_CHARS && (NOISE.test(text) || CREDIT_TAIL.test(text)))) doc(el).remove();
  }
  const remaining = lines.filter((el) => isAttached(el, root));
  const edges = [...remaining.slice(0, EDGE_BLOCKS), ...remaining.slice(Math.max(EDGE_BLOCKS, remaining.length - EDGE_BLOCKS))];
  for (const el of edges) {
    if ((sizes.get(el)?.text ?? 0) > EDGE_MAX_CHARS + 2) continue;
    const text = textOf(doc(el));
    if (text.length <= EDGE_MAX_CHARS && (EDGE_LINE.test(text) || CREDIT_TAIL.test(text))) doc(el).remove();
  }
}

function isAttached(el: AnyNode, root: AnyNode | undefined): boolean {
  for (let node: AnyNode | null = el; node; node = node.parent) if (node === root) return true;
  return false;
}
