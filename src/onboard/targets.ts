/**
 * Which elements of a sampled page carry the value the generic extraction
 * found for a field: the headline's element, the byline's, the container of
 * the body. Selectors are built from these (candidates.ts) and judged by
 * running the extraction with them (oracle.ts).
 */
import type { Element } from 'domhandler';
import type { Article } from '../core/article.js';
import type { Doc } from '../extract/index.js';
import { normalizeText, parseByline, parseDateText } from '../normalize/index.js';
import { EXTRACTION_KEY, type LearnedField } from './fields.js';
import { tokenF1 } from './similarity.js';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe']);
/** Bylines, dates, crumbs and tags are short; a longer element is a block that merely contains one. */
const SHORT = 150;
/** A container whose words are this close to the generic body is a body candidate (oracle.ts judges it). */
const BODY_F1 = 0.7;
/** Body candidates kept per page: the closest few, or the page's whole ancestry would be tried. */
const BODY_KEEP = 4;

type Text = (el: Element) => string;

function elements($: Doc, scope: string): Element[] {
  return $(scope)
    .toArray()
    .filter((n): n is Element => n.type === 'tag' && !SKIP.has(n.name));
}

function shortTexts($: Doc, text: Text, wanted: (t: string) => boolean): Element[] {
  return elements($, 'body *').filter((el) => {
    const t = text(el);
    return t !== '' && t.length <= SHORT && wanted(t);
  });
}

/** What a date element says: its machine-readable attribute, else its text (as profiles read it). */
export function dateReading($: Doc, el: Element, text: Text): string {
  return (el.attribs.datetime ?? el.attribs.content ?? '').trim() || text(el);
}

function dateTargets($: Doc, article: Article, text: Text, now: number): Element[] {
  const ms = Date.parse(article.publishedAt);
  return elements($, 'head meta, body *').filter((el) => {
    const reading = dateReading($, el, text);
    return reading !== '' && reading.length <= SHORT && parseDateText(reading, { now })?.ms === ms;
  });
}

/**
 * A body container holds the prose and not the headline: the record has the
 * title in its own field, and a profiled body is not cleaned of echoes the
 * way Readability's is, so a wrapper around the headline is the article
 * block, not its body.
 */
function bodyTargets($: Doc, article: Article, text: Text): Element[] {
  const wanted = article.contentText;
  const headlines = elements($, 'body *').filter((el) => text(el) === article.title);
  const scored = elements($, 'body *')
    .filter((el) => ['div', 'article', 'section', 'main', 'td'].includes(el.name))
    .filter((el) => !headlines.some((h) => $(el).find(h).length > 0))
    .map((el) => ({ el, t: text(el) }))
    .filter(({ t }) => t.length >= wanted.length * 0.5 && t.length <= wanted.length * 3)
    .map(({ el, t }) => ({ el, f1: tokenF1(t, wanted) }))
    .filter((s) => s.f1 >= BODY_F1)
    .sort((a, b) => b.f1 - a.f1);
  return scored.slice(0, BODY_KEEP).map((s) => s.el);
}

/** Values the page itself did not print: nothing on it to point a selector at. */
const NOT_ON_PAGE = new Set(['none', 'first-seen', 'fetch']);

function depth(el: Element): number {
  let n = 0;
  for (let p = el.parent; p !== null; p = p.parent) n++;
  return n;
}

/**
 * Tightest first: an element with a machine-readable date before one with
 * text, a short text before a wrapper that also holds other things, the
 * innermost of equals. The learner breaks ties between selectors by it, so
 * `time.published` wins over `div.meta` around it.
 */
function tightestFirst(els: Element[], text: Text): Element[] {
  const key = (el: Element): [number, number, number] => [el.attribs.datetime || el.attribs.content ? 0 : 1, text(el).length, -depth(el)];
  return els
    .map((el) => ({ el, k: key(el) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2])
    .map((x) => x.el);
}

/** Null when the generic extraction found no value for the field on this page. */
export function findTargets($: Doc, field: LearnedField, article: Article, now: number): Element[] | null {
  if (NOT_ON_PAGE.has(article.extraction[EXTRACTION_KEY[field]])) return null;
  const text = textCache($);
  const found = targetsOf($, field, article, now, text);
  // Bodies come ranked by likeness already.
  return found === null || field === 'body' ? found : tightestFirst(found, text);
}

function textCache($: Doc): Text {
  const cache = new Map<Element, string>();
  return (el) => {
    let t = cache.get(el);
    if (t === undefined) cache.set(el, (t = normalizeText($(el).text())));
    return t;
  };
}

function targetsOf($: Doc, field: LearnedField, article: Article, now: number, text: Text): Element[] | null {
  switch (field) {
    case 'title':
      return shortTexts($, text, (t) => t === article.title).concat(
        // Long headlines pass the short-text bound; an exact match is what matters.
        article.title.length > SHORT ? elements($, 'body *').filter((el) => text(el) === article.title) : [],
      );
    case 'lead': {
      const lead = article.lead;
      if (lead === '') return null;
      // The printed lead may still carry the dateline the record's lead has lost (`(Dân trí) - ...`).
      return elements($, 'body *').filter((el) => {
        const t = text(el);
        return t === lead || (t.endsWith(lead) && t.length <= lead.length + 40);
      });
    }
    case 'byline': {
      if (article.authors.length === 0) return null;
      const names = new Set(article.authors);
      return shortTexts($, text, (t) => parseByline([t]).authors.some((a) => names.has(a)));
    }
    case 'published':
      return dateTargets($, article, text, now);
    case 'section': {
      const name = article.section?.name;
      if (name === undefined) return null;
      return shortTexts($, text, (t) => t === name);
    }
    case 'tags': {
      if (article.tags.length === 0) return null;
      const names = new Set(article.tags.map((t) => t.name));
      return shortTexts($, text, (t) => names.has(t));
    }
    case 'body':
      return article.contentText === '' ? null : bodyTargets($, article, text);
  }
}
