import { topicNames, type Article } from '../core/article.js';
import { placeMatcher } from '../normalize/places/index.js';

/** A topic's display name as the records write it (`Hà Nội`), the gazetteer's for a place only named in text, or null when neither names it. */
export function topicName(slug: string, items: readonly Article[]): string | null {
  for (const a of items) {
    const name = topicNames(a, placeMatcher().names).get(slug);
    if (name !== undefined && name !== slug) return name;
  }
  return null;
}
