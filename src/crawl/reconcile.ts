import type { Article } from '../core/article.js';

/**
 * Decide what to store when a page is crawled again. Same content: keep the
 * stored record (only topics learned since, such as an event listing it, are
 * added). Changed content: the fresh record, with `updatedAt` from the page
 * or, when the page gives none, the fetch time.
 */
export function reconcile(existing: Article | null, fresh: Article): Article {
  if (existing === null) return fresh;
  if (existing.contentHash === fresh.contentHash) {
    const topics = [...new Set([...existing.topics, ...fresh.topics])];
    return topics.length === existing.topics.length ? existing : { ...existing, topics };
  }
  return { ...fresh, updatedAt: fresh.updatedAt ?? fresh.fetchedAt };
}
