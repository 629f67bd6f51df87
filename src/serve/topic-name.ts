import { topicNames, type Article } from '../core/article.js';

/** A topic's display name as the records write it (`Hà Nội`), or null when none of them names it. */
export function topicName(slug: string, items: readonly Article[]): string | null {
  for (const a of items) {
    const name = topicNames(a).get(slug);
    if (name !== undefined && name !== slug) return name;
  }
  return null;
}
