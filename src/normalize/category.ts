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

/** How an article was placed: what `bantin sources --unmapped` needs to tell a mapped section from a guessed one. */
export type PlacedBy = 'section' | 'path' | 'name' | 'keywords' | 'none';

export function placeCategory(rules: CategoryRules, article: CategoryInput): { category: TopicRef | null; by: PlacedBy } {
  if (article.section) {
    const mapped = rules.sections.get(article.section.slug);
    if (mapped) return { category: mapped, by: 'section' };
  }
  const path = pathOf(article.url);
  const byPath = rules.paths.find((p) => underPrefix(path, p.prefix));
  if (byPath) return { category: byPath.category, by: 'path' };
  if (article.section) {
    const named = rules.bySlug.get(article.section.slug);
    if (named) return { category: named, by: 'name' };
  }
  const guessed = categoryByKeywords(rules, article);
  return { category: guessed, by: guessed ? 'keywords' : 'none' };
}

export function chooseCategory(rules: CategoryRules, article: CategoryInput): TopicRef | null {
  return placeCategory(rules, article).category;
}

export interface UnmappedSection {
  section: string;
  articles: number;
  /** The newest such article's publishedAt. */
  lastSeen: string;
  /** What the keyword table put them in, most often; null when it found nothing. */
  placedAs: string | null;
}

/**
 * Sections of these articles that no mapping of the source covers (they were
 * placed by keywords or not at all), judged by the rules as configured now,
 * so a mapping just added drops its section from the list before any re-crawl.
 */
export function unmappedSections(rules: CategoryRules, articles: readonly (CategoryInput & { publishedAt: string })[]): UnmappedSection[] {
  const found = new Map<string, { name: string; articles: number; lastSeen: string; placed: Map<string, number> }>();
  for (const a of articles) {
    if (!a.section) continue;
    const { category, by } = placeCategory(rules, a);
    if (by !== 'keywords' && by !== 'none') continue;
    const entry = found.get(a.section.slug) ?? { name: a.section.name, articles: 0, lastSeen: a.publishedAt, placed: new Map() };
    entry.articles++;
    if (a.publishedAt > entry.lastSeen) entry.lastSeen = a.publishedAt;
    if (category) entry.placed.set(category.slug, (entry.placed.get(category.slug) ?? 0) + 1);
    found.set(a.section.slug, entry);
  }
  return [...found.values()]
    .map((e) => ({
      section: e.name,
      articles: e.articles,
      lastSeen: e.lastSeen,
      placedAs: [...e.placed.entries()].sort((x, y) => y[1] - x[1])[0]?.[0] ?? null,
    }))
    .sort((x, y) => y.articles - x.articles || x.section.localeCompare(y.section));
}
