/** Facts about records that every format derives the same way. */
import { modifiedAt, topicNames, type Article } from '../core/article.js';
import { isoToMs } from '../core/time.js';

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

/** Each topic slug with its display name, as the record itself names it. */
export function topicsOf(article: Article): { slug: string; name: string }[] {
  return [...topicNames(article)].map(([slug, name]) => ({ slug, name }));
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
