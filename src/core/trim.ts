/**
 * What retention leaves of an article in `trim` mode: every field but the
 * body. contentHtml becomes the lead and a link to the original, contentText
 * the lead and the URL, so every feed format still has something to show and
 * a reader one click to the whole text. contentHash stays the hash of the
 * content the site published: a re-crawl that finds the same page is
 * `unchanged` (crawl/reconcile.ts keeps the stored record), so a trimmed
 * article does not grow its body back.
 */
import type { Article } from './article.js';

/** The link's words under a trimmed article: the body is kept at the source, not here. */
export const TRIMMED_LINK_TEXT = 'Đọc toàn bài tại trang gốc';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function trimmedHtml(article: Pick<Article, 'lead' | 'url'>): string {
  const lead = article.lead === '' ? '' : `<p>${escapeHtml(article.lead)}</p>`;
  return `${lead}<p><a href="${escapeHtml(article.url)}">${TRIMMED_LINK_TEXT}</a></p>`;
}

export function trimmedText(article: Pick<Article, 'lead' | 'url'>): string {
  return article.lead === '' ? article.url : `${article.lead}\n\n${article.url}`;
}

/** The article without its body, marked trimmed at `at` (ISO, +07:00). An article trimmed already keeps its date. */
export function trimArticle(article: Article, at: string): Article {
  return { ...article, contentHtml: trimmedHtml(article), contentText: trimmedText(article), trimmedAt: article.trimmedAt ?? at };
}
