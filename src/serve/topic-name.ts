import type { Article } from '../core/article.js';

/** A topic's display name as the records write it (`Hà Nội`), or null when none of them names it. */
export function topicName(slug: string, items: readonly Article[]): string | null {
  for (const a of items) {
    if (a.section?.slug === slug) return a.section.name;
    const tag = a.tags.find((t) => t.slug === slug);
    if (tag) return tag.name;
  }
  return null;
}
