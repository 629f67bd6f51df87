/**
 * A source's category mapping resolved against the taxonomy at load time:
 * what normalization needs to place an article, with every slug already
 * checked, so a typo in a source file stops the start instead of silently
 * leaving its articles uncategorised.
 */
import type { TopicRef } from '../core/article.js';
import { slugify } from '../core/slug.js';
import { phrase, type Phrase } from '../core/words.js';
import type { SourceFile } from './source-schema.js';
import type { Taxonomy } from './taxonomy-schema.js';

export interface CategoryRules {
  /** The slug of a section or breadcrumb word (`Kinh tế` → `kinh-te`) → its category. */
  sections: ReadonlyMap<string, TopicRef>;
  /** URL path prefixes, longest first, so `/kinh-te/bat-dong-san` beats `/kinh-te`. */
  paths: readonly { prefix: string; category: TopicRef }[];
  /** A section named like a category (`Giáo dục`) needs no mapping: taxonomy slug → category. */
  bySlug: ReadonlyMap<string, TopicRef>;
  /** The keyword table, in taxonomy order (ties go to the earlier category). */
  keywords: readonly { category: TopicRef; phrases: readonly Phrase[] }[];
}

export const NO_CATEGORY_RULES: CategoryRules = { sections: new Map(), paths: [], bySlug: new Map(), keywords: [] };

/** The rules, or the problems (each `field: message`) when the source names a category the taxonomy lacks. */
export function resolveCategories(source: Pick<SourceFile, 'categories'>, taxonomy: Taxonomy | null): { rules: CategoryRules; problems: string[] } {
  const problems: string[] = [];
  const bySlug = new Map<string, TopicRef>((taxonomy?.categories ?? []).map((c) => [c.slug, { name: c.name, slug: c.slug }]));
  const lookup = (field: string, slug: string): TopicRef | null => {
    const found = bySlug.get(slug);
    if (!found) problems.push(`${field}: no category "${slug}" in ${taxonomy ? taxonomy.file : 'taxonomy.yaml (there is none)'}`);
    return found ?? null;
  };
  const sections = new Map<string, TopicRef>();
  for (const [words, slug] of Object.entries(source.categories.sections)) {
    const cat = lookup(`categories.sections.${words}`, slug);
    const key = slugify(words);
    if (key === '') problems.push(`categories.sections.${words}: has no letters or digits to match`);
    else if (cat) sections.set(key, cat);
  }
  const paths: { prefix: string; category: TopicRef }[] = [];
  for (const [prefix, slug] of Object.entries(source.categories.paths)) {
    const cat = lookup(`categories.paths.${prefix}`, slug);
    if (cat) paths.push({ prefix, category: cat });
  }
  paths.sort((a, b) => b.prefix.length - a.prefix.length);
  const keywords = (taxonomy?.categories ?? []).map((c) => ({
    category: { name: c.name, slug: c.slug },
    phrases: c.keywords.map(phrase).filter((p) => p.length > 0),
  }));
  return { rules: { sections, paths, bySlug, keywords }, problems };
}
