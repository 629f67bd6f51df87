/**
 * Site-independent findings: JSON-LD, OpenGraph/`article:*` meta, microdata
 * and `<time>`. Each function returns the first source that has the field,
 * tagged with where it came from; null when none does.
 */
import type { Found } from './page.js';
import { metaContent, metaContents, textOf, type Doc } from './dom.js';
import { ldCrumbs, ldImage, ldList, ldNames, ldString, type JsonLd } from './jsonld.js';

type Finder<T> = () => Found<T> | null;

/** The first finder with a value wins; later ones never run. */
export function firstFound<T>(...finders: Finder<T>[]): Found<T> | null {
  for (const find of finders) {
    const found = find();
    if (found) return found;
  }
  return null;
}

export function found<T>(value: T | null | undefined, from: Found<T>['from']): Found<T> | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value) && value.length === 0) return null;
  return { value, from };
}

/** A microdata property: `content`, then `datetime`, then text. */
function itemprop(doc: Doc, name: string): string | null {
  const el = doc(`[itemprop="${name}"]`).first();
  if (el.length === 0) return null;
  const value = el.attr('content') ?? el.attr('datetime') ?? textOf(el);
  return value.trim() === '' ? null : value.trim();
}

export interface Generic {
  title: Finder<string>[];
  lead: Finder<string>[];
  byline: Finder<string[]>[];
  published: Finder<string>[];
  updated: Finder<string>[];
  section: Finder<string>[];
  tags: Finder<string[]>[];
  leadImage: () => string | null;
}

export function genericFinders(doc: Doc, ld: JsonLd): Generic {
  const article = ld.article;
  return {
    title: [
      () => found(ldString(article?.headline), 'jsonld'),
      () => found(metaContent(doc, ['og:title', 'twitter:title']), 'meta'),
      () => found(itemprop(doc, 'headline'), 'microdata'),
    ],
    lead: [
      () => found(ldString(article?.description), 'jsonld'),
      () => found(metaContent(doc, ['og:description', 'description', 'twitter:description']), 'meta'),
      () => found(itemprop(doc, 'description'), 'microdata'),
    ],
    byline: [
      () => found(ldNames(article?.author), 'jsonld'),
      () => found(metaContents(doc, 'article:author').concat(metaContents(doc, 'author')).filter((a) => !/^https?:/.test(a)), 'meta'),
      () => {
        const author = doc('[itemprop="author"]').first();
        if (author.length === 0) return null;
        const name = author.find('[itemprop="name"]').first();
        const value = (name.length > 0 ? (name.attr('content') ?? textOf(name)) : (author.attr('content') ?? textOf(author))).trim();
        return found(value === '' ? null : [value], 'microdata');
      },
    ],
    published: [
      () => found(ldString(article?.datePublished), 'jsonld'),
      () => found(metaContent(doc, ['article:published_time', 'pubdate', 'og:published_time']), 'meta'),
      () => found(itemprop(doc, 'datePublished'), 'microdata'),
      () => found(doc('time[pubdate][datetime], time[datetime]').first().attr('datetime')?.trim() || null, 'time'),
    ],
    updated: [
      () => found(ldString(article?.dateModified), 'jsonld'),
      () => found(metaContent(doc, ['article:modified_time', 'og:updated_time']), 'meta'),
      () => found(itemprop(doc, 'dateModified'), 'microdata'),
    ],
    section: [
      () => found(ldList(article?.articleSection)[0], 'jsonld'),
      () => found(ld.breadcrumb ? ldCrumbs(ld.breadcrumb).slice(1).at(-1) : null, 'jsonld'),
      () => found(metaContent(doc, ['article:section']), 'meta'),
      () => found(itemprop(doc, 'articleSection'), 'microdata'),
    ],
    tags: [
      () => found(ldList(article?.keywords), 'jsonld'),
      () => found(metaContents(doc, 'article:tag'), 'meta'),
    ],
    leadImage: () => metaContent(doc, ['og:image', 'twitter:image']) ?? ldImage(article?.image),
  };
}
