/** Facts about records that every format derives the same way. */
import { modifiedAt, topicNames, type Article } from '../core/article.js';
import { htmlEscape, normalizeUrl } from './text.js';
import type { StoryCopy } from './types.js';
import { isoToMs } from '../core/time.js';
import { placeMatcher } from '../normalize/places/index.js';

/** The newest modification time among the items (ISO), or null for an empty list. */
export function newestModified(items: readonly Article[]): string | null {
  let best: string | null = null;
  let bestMs = -Infinity;
  for (const item of items) {
    const iso = modifiedAt(item);
    const ms = isoToMs(iso);
    if (ms > bestMs) {
      best = iso;
      bestMs = ms;
    }
  }
  return best;
}

/** Each topic slug with its display name: the record's own, the gazetteer's for a place only the text names. */
export function topicsOf(article: Article): { slug: string; name: string }[] {
  return [...topicNames(article, placeMatcher().names)].map(([slug, name]) => ({ slug, name }));
}

/** The topics that are gazetteer places, with the gazetteer's name (the record's tag may spell it `hà nội`). */
export function placesOf(article: Article): { slug: string; name: string }[] {
  const names = placeMatcher().names;
  return article.topics.flatMap((slug) => {
    const name = names.get(slug);
    return name === undefined ? [] : [{ slug, name }];
  });
}

/** Where a feed's category and place terms come from: RSS `domain`, Atom `scheme`. */
export function vocabularies(origin: string): { categories: string; places: string } {
  return { categories: `${origin}/categories/`, places: `${origin}/places/` };
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/** The real media type of an image from its path, or null when the URL does not say. */
export function imageType(url: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return null;
  }
  const ext = /\.([a-z0-9]+)$/i.exec(pathname)?.[1]?.toLowerCase();
  return ext ? (IMAGE_TYPES[ext] ?? null) : null;
}

/** The line every format appends to an item's HTML when its story has other copies; '' when it has none. */
export function copiesHtml(copies: readonly StoryCopy[] | undefined): string {
  if (!copies || copies.length === 0) return '';
  const links = copies.map((c) => `<a href="${htmlEscape(normalizeUrl(c.url))}" title="${htmlEscape(c.title)}">${htmlEscape(c.sourceName)}</a>`);
  return `<p class="bantin-story">Cùng sự kiện: ${links.join(', ')}</p>`;
}

/** The same line as plain text, for JSON Feed's summary mode. */
export function copiesText(copies: readonly StoryCopy[] | undefined): string {
  if (!copies || copies.length === 0) return '';
  return `Cùng sự kiện: ${copies.map((c) => `${c.sourceName} (${normalizeUrl(c.url)})`).join(', ')}`;
}

/**
 * Who an item is credited to, the same in every format: the byline's authors; with none, the agency the
 * article is attributed to (normalize/byline.ts keeps its name alone: `Theo TTXVN` → `TTXVN`); else nobody.
 * Never the service or the source standing in for a byline.
 */
export function creditedAuthors(a: Pick<Article, 'authors' | 'attribution'>): string[] {
  if (a.authors.length > 0) return a.authors;
  return a.attribution ? [a.attribution] : [];
}
