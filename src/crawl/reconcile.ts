import type { Article } from '../core/article.js';
import { trimArticle } from '../core/trim.js';

/**
 * Decide what to store when a page is crawled again. Same content: keep the
 * stored record (only topics learned since, such as an event listing it, are
 * added, and the category the current config gives, so a mapping added
 * since reaches records stored before it). Changed content: the fresh record, with `updatedAt` from the page
 * or, when the page gives none, the fetch time. An article with no date of
 * its own keeps the day it was first seen: a re-crawl must not move it to
 * the top of every feed.
 */
export function reconcile(existing: Article | null, fresh: Article): Article {
  if (existing === null) return fresh;
  // Retention trimmed it: a page changed since is stored trimmed as well, so an old article never grows its body back.
  if (existing.trimmedAt !== undefined) return trimArticle(reconcileFull(existing, fresh), existing.trimmedAt);
  return reconcileFull(existing, fresh);
}

function reconcileFull(existing: Article, fresh: Article): Article {
  if (existing.contentHash === fresh.contentHash) {
    const topics = [...new Set([...existing.topics, ...fresh.topics])];
    const sameCategory = existing.category?.slug === fresh.category?.slug && existing.category?.name === fresh.category?.name;
    return topics.length === existing.topics.length && sameCategory ? existing : { ...existing, topics, category: fresh.category };
  }
  const dated =
    fresh.extraction.publishedAt === 'first-seen'
      ? { ...fresh, publishedAt: existing.publishedAt, extraction: { ...fresh.extraction, publishedAt: existing.extraction.publishedAt } }
      : fresh;
  return { ...dated, updatedAt: dated.updatedAt ?? dated.fetchedAt };
}
