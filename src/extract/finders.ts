/**
 * The small finders (meta tags, `<time>`, the URL, discovery's hints) and the
 * merge that turns every finder's reading into one ordered candidate list
 * per field. Each finder reads the page once; which candidate wins is
 * normalization's call.
 */
import type { FieldSource } from '../core/article.js';
import type { LinkHints } from '../core/hints.js';
import { query, textOf, type Doc } from './dom.js';
import { metaValues, type MetaMap } from './meta.js';
import { FIELDS, type Candidates, type Field, type Finding, type Found } from './page.js';

/** Meta keys (lowercased) that carry a publication date, most specific first. */
const PUBLISHED_META = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'article.published', 'published_time',
  'datepublished', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'sailthru.date', 'parsely-pub-date',
  'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date', 'dcterms.created', 'date', 'citation_publication_date',
];
const UPDATED_META = ['article:modified_time', 'og:article:modified_time', 'og:updated_time', 'datemodified', 'last-modified', 'dcterms.modified', 'dc.date.modified'];

export function metaFinding(meta: MetaMap): Finding {
  const authors = [...(meta.get('article:author') ?? []), ...(meta.get('author') ?? []), ...(meta.get('parsely-author') ?? []), ...(meta.get('sailthru.author') ?? [])];
  return {
    title: metaValues(meta, ['og:title', 'twitter:title', 'parsely-title', 'sailthru.title', 'dc.title']),
    lead: metaValues(meta, ['og:description', 'description', 'twitter:description', 'dc.description']),
    // article:author is often a profile URL, not a name.
    byline: [authors.filter((a) => !/^https?:/.test(a))],
    published: metaValues(meta, PUBLISHED_META),
    updated: metaValues(meta, UPDATED_META),
    section: metaValues(meta, ['article:section', 'parsely-section', 'section']),
    // Not `keywords`: on most sites it is an SEO list, not the article's tags.
    tags: [meta.get('article:tag')?.slice() ?? []],
    image: metaValues(meta, ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src']),
  };
}

export function timeFinding(doc: Doc): Finding {
  const times = query(doc, 'time').toArray();
  const attr = (pubdate: boolean): (string | null)[] =>
    times.filter((t) => ('pubdate' in t.attribs) === pubdate).map((t) => t.attribs.datetime?.trim() || null);
  return { published: [...attr(true), ...attr(false), ...times.map((t) => textOf(doc(t)) || null)] };
}

// /2019/11/18/, /2019-11-18-, /20191118/ is left out: too many article ids look like it.
const URL_DATE = /(?<!\d)((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?!\d)/;

export function urlFinding(url: string): Finding {
  const m = URL_DATE.exec(new URL(url).pathname);
  return { published: m ? [`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`] : [] };
}

export function hintsFinding(hints: LinkHints): Finding {
  return { title: [hints.title], published: [hints.published], section: [hints.section] };
}

function usable(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return Array.isArray(value) && value.length > 0;
}

/** Every finder's values, in finder order, as one candidate list per field. */
export function mergeFindings(findings: readonly (readonly [FieldSource, Finding])[]): Candidates {
  const out = Object.fromEntries(FIELDS.map((f) => [f, [] as Found<unknown>[]])) as Record<Field, Found<unknown>[]>;
  for (const [from, finding] of findings) {
    for (const field of FIELDS) {
      for (const value of finding[field] ?? []) if (usable(value)) out[field].push({ value, from });
    }
  }
  return out as Candidates;
}
