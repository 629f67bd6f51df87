/**
 * The last finder of the page's own: fields guessed from what sites call
 * their elements (`div.ngay-dang`, `span.byline`, `div.tom-tat`,
 * `ul.breadcrumb`, `div.tu-khoa`), for pages with no structured data at all.
 * One walk over the body's elements; a guess is only a candidate, tried
 * after everything the page states outright.
 */
import { query, shortText, textOf, type Doc, type Element } from './dom.js';
import type { Finding } from './page.js';

// Class and id words, English and the ASCII Vietnamese that CMSs use (ngay-dang = "posted on", tac-gia = author...).
const DATE_CLASS = /\b(?:date|datetime|time|timestamp|published|publish|posted|pubdate|post-date|entry-date|ngay|ngay-dang|ngaydang|thoi-gian|thoigian|ngay-gio)\b/;
const AUTHOR_CLASS = /\b(?:author|authors|byline|by-line|writer|tac-gia|tacgia|nguoi-viet|but-danh)\b/;
const LEAD_CLASS = /\b(?:sapo|tom-tat|tomtat|lead|summary|description|chapeau|standfirst|excerpt|dek|intro|mo-dau)\b/;
const CRUMB_CLASS = /\b(?:breadcrumb|breadcrumbs|crumbs|duong-dan|duongdan)\b/;
const TAGS_CLASS = /\b(?:tags|tag-list|taglist|post-tags|tu-khoa|tukhoa|the-tag|keywords)\b/;

const DATE_MAX_CHARS = 80;
const AUTHOR_MAX_CHARS = 80;
const LEAD_MAX_CHARS = 600;
/** Dates in the article's header come first; the sidebar's and the related list's are many and later. */
const MAX_DATES = 4;

const HOME_CRUMB = /^(?:trang chủ|home|trang chu|homepage)$/iu;
/** A name has no digits and is no weekday: "author-date" boxes print the date. */
const NOT_A_NAME = /\d|^(?:thứ|chủ nhật|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/iu;
const AUTHOR_PREFIX = /^(?:by|bởi|tác giả|written by|posted by)\s*:?\s+/iu;
const TAGS_PREFIX = /^(?:tags?|từ khóa|từ khoá|keywords?|chủ đề)\s*:\s*/iu;

function classOf(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase();
}

function insideLink(el: Element): boolean {
  for (let p = el.parent; p && p.type === 'tag'; p = p.parent) if (p.name === 'a') return true;
  return false;
}

/** Crumb names, without the home link and the article's own title. */
function crumbs(doc: Doc, el: Element, headline: string | null): string[] {
  const links = doc(el).find('a').toArray().map((a) => textOf(doc(a)));
  const names = links.length > 0 ? links : textOf(doc(el)).split(/\s*[»›>/|]\s*/u);
  return names.filter((n) => n !== '' && !HOME_CRUMB.test(n) && n !== headline);
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'select', 'iframe']);

/** Elements under <body> in document order, without the subtrees that hold no visible text. */
function elementsOf(doc: Doc): Element[] {
  const out: Element[] = [];
  const root = query(doc, 'body')[0] ?? doc.root()[0];
  if (!root || !('children' in root)) return out;
  const stack = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || node.type !== 'tag' || SKIP.has(node.name)) continue;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as (typeof stack)[number]);
  }
  return out;
}

export function guessFinding(doc: Doc, headline: string | null): Finding {
  const elements = elementsOf(doc);
  const h1 = elements.findIndex((el) => el.name === 'h1');
  const dates: { at: number; text: string }[] = [];
  let author: string | null = null;
  let lead: string | null = null;
  let section: string | null = null;
  let tags: string[] = [];

  elements.forEach((el, at) => {
    const cls = classOf(el);
    if (cls.trim() === '') return;
    if (DATE_CLASS.test(cls) && !insideLink(el)) {
      const text = el.attribs.datetime?.trim() || shortText(el, DATE_MAX_CHARS);
      if (text && /\d/.test(text)) dates.push({ at, text });
    }
    if (author === null && AUTHOR_CLASS.test(cls)) {
      const name = textOf(doc(el)).replace(AUTHOR_PREFIX, '');
      if (name !== '' && name.length <= AUTHOR_MAX_CHARS && !NOT_A_NAME.test(name)) author = name;
    }
    if (lead === null && LEAD_CLASS.test(cls)) {
      const text = textOf(doc(el));
      if (text !== '' && text.length <= LEAD_MAX_CHARS) lead = text;
    }
    if (section === null && CRUMB_CLASS.test(cls)) section = crumbs(doc, el, headline).at(-1) ?? null;
    if (tags.length === 0 && TAGS_CLASS.test(cls)) {
      const links = doc(el).find('a').toArray().map((a) => textOf(doc(a)).replace(/^#/, ''));
      const listed = links.length > 0 ? links : textOf(doc(el)).replace(TAGS_PREFIX, '').split(/\s*[,;]\s*/u);
      tags = listed.filter((t) => t !== '' && t.length <= 60);
    }
  });

  // Nearest after the headline first, then nearest before it.
  const anchor = h1 < 0 ? 0 : h1;
  const ordered = [...dates.filter((d) => d.at >= anchor), ...dates.filter((d) => d.at < anchor).reverse()];
  return {
    published: ordered.slice(0, MAX_DATES).map((d) => d.text),
    byline: [author === null ? null : [author]],
    lead: [lead],
    section: [section],
    tags: [tags],
  };
}
