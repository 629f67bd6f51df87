/**
 * An article's place in the shared taxonomy: the source's own mapping of its
 * section (or breadcrumb words), then its URL path prefixes, then a section
 * named like a category, then the taxonomy's keyword table over title and
 * lead; null when none of them says anything. The section goes first because
 * it is what the site itself printed about this article; the URL's folder
 * is the site's filing, often coarser; keywords are a guess and come last.
 */
import type { CategoryRules } from '../config/index.js';
import type { TopicRef } from '../core/article.js';
import { mentions, titleAndLeadWords } from '../core/words.js';

export interface CategoryInput {
  url: string;
  title: string;
  lead: string;
  section: TopicRef | null;
}

function pathOf(url: string): string {
  try {
    return decodeURI(new URL(url).pathname);
  } catch {
    return '';
  }
}

/** `/kinh-te` covers `/kinh-te` and `/kinh-te/…`, not `/kinh-te-moi.html`; a prefix ending in `/` is taken as written. */
function underPrefix(path: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return path.startsWith(prefix);
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Ties in the keyword table go to the earlier category; a category counts each of its phrases once. */
export function categoryByKeywords(rules: CategoryRules, article: { title: string; lead: string }): TopicRef | null {
  const parts = titleAndLeadWords(article);
  let best: TopicRef | null = null;
  let bestHits = 0;
  for (const { category, phrases } of rules.keywords) {
    const hits = phrases.filter((p) => mentions(parts, p)).length;
    if (hits > bestHits) {
      best = category;
      bestHits = hits;
    }
  }
  return best;
}

export function chooseCategory(rules: CategoryRules, article: CategoryInput): TopicRef | null {
  if (article.section) {
    const mapped = rules.sections.get(article.section.slug);
    if (mapped) return mapped;
  }
  const path = pathOf(article.url);
  const byPath = rules.paths.find((p) => underPrefix(path, p.prefix));
  if (byPath) return byPath.category;
  if (article.section) {
    const named = rules.bySlug.get(article.section.slug);
    if (named) return named;
  }
  return categoryByKeywords(rules, article);
}
