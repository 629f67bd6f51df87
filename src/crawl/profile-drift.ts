/**
 * Which fields of a stored article say something about its site profile.
 * A profile "covers" a field when it has selectors for it; an article counts
 * for a covered field when the field was found at all, since a page without
 * tags or a byline is no sign the profile missed them.
 */
import type { SiteProfile } from '../config/index.js';
import type { Article, ExtractedField } from '../core/article.js';
import type { FieldWindow, ProfileObservation } from '../store/index.js';

/**
 * The profile selectors each tracked field is found by. updatedAt and images
 * are not tracked: most articles legitimately have neither, so their absence
 * says nothing about the profile.
 */
const SELECTORS: Partial<Record<ExtractedField, (p: SiteProfile) => readonly string[][]>> = {
  title: (p) => [p.title],
  lead: (p) => [p.lead],
  authors: (p) => [p.byline, p.signoff],
  publishedAt: (p) => [p.published],
  section: (p) => [p.breadcrumb],
  tags: (p) => [p.tags],
  body: (p) => [p.body],
};

/** Every stored article has these (or it is no article), so each one counts, whatever found it. */
const ALWAYS_COUNTED: ReadonlySet<ExtractedField> = new Set(['title', 'body', 'publishedAt']);

/** The fields the profile has selectors for, in field order. */
export function coveredFields(profile: SiteProfile): ExtractedField[] {
  return Object.entries(SELECTORS).flatMap(([field, lists]) => (lists(profile).some((l) => l.length > 0) ? [field as ExtractedField] : []));
}

/** What one new or updated article adds to its source's drift window. */
export function profileObservation(profile: SiteProfile, article: Pick<Article, 'extraction'>): ProfileObservation {
  const covered = coveredFields(profile);
  const outcomes = covered.flatMap((field) => {
    const from = article.extraction[field] ?? 'none';
    if (from === 'none' && !ALWAYS_COUNTED.has(field)) return [];
    return [[field, from === 'profile'] as const];
  });
  return { covered, outcomes };
}

/** The windows of fields the profile covers now: one whose selectors were removed since says nothing. */
export function coveredWindows(profile: SiteProfile, windows: readonly FieldWindow[]): FieldWindow[] {
  const covered = new Set(coveredFields(profile));
  return windows.filter((w) => covered.has(w.field));
}
