/**
 * Microdata, read in one pass: every `itemprop` token (`"datePublished
 * dateCreated"` is two) → the elements that carry it, in page order.
 */
import { query, textOf, type Doc, type Element } from './dom.js';
import type { Finding } from './page.js';

export type Itemprops = ReadonlyMap<string, readonly Element[]>;

export function readItemprops(doc: Doc): Itemprops {
  const map = new Map<string, Element[]>();
  for (const el of query(doc, '[itemprop]').toArray()) {
    for (const token of (el.attribs.itemprop ?? '').split(/\s+/)) {
      if (token === '') continue;
      const list = map.get(token);
      if (list) list.push(el);
      else map.set(token, [el]);
    }
  }
  return map;
}

/** A property's value: `content`, then `datetime`, then text. */
function valueOf(doc: Doc, el: Element | undefined): string | null {
  if (!el) return null;
  const value = (el.attribs.content ?? el.attribs.datetime ?? textOf(doc(el))).trim();
  return value === '' ? null : value;
}

function first(doc: Doc, props: Itemprops, name: string): string | null {
  return valueOf(doc, props.get(name)?.[0]);
}

function author(doc: Doc, props: Itemprops): string[] {
  const el = props.get('author')?.[0];
  if (!el) return [];
  const name = doc(el).find('[itemprop~="name"]').first();
  const value = (name.length > 0 ? (name.attr('content') ?? textOf(name)) : (el.attribs.content ?? textOf(doc(el)))).trim();
  return value === '' ? [] : [value];
}

export function microdataFinding(doc: Doc, props: Itemprops): Finding {
  return {
    title: [first(doc, props, 'headline')],
    lead: [first(doc, props, 'description')],
    byline: [author(doc, props)],
    published: [first(doc, props, 'datePublished'), first(doc, props, 'dateCreated')],
    updated: [first(doc, props, 'dateModified')],
    section: [first(doc, props, 'articleSection')],
  };
}
