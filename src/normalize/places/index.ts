/**
 * The places an article is about, as topic slugs. Read where a writer names
 * the article's place: the title, the lead (a dateline `HÀ NỘI -` included)
 * and the first PLACE_PARAGRAPHS paragraphs of the body; further down a text
 * names provinces in passing (`như TP.HCM đã làm`). A district or ward
 * (`quận Hoàn Kiếm`, `huyện Gia Lâm`) counts anywhere in the body: it is the
 * venue, and often printed only in the closing paragraph. The section's and
 * tags' names are read too, and a section or tag slug that is a place's
 * counts as it (a lower-case tag `hà nội`).
 */
import type { TopicRef } from '../../core/article.js';
import { createPlaceMatcher, type PlaceMatcher } from './matcher.js';

export { createPlaceMatcher, foldTones, type PlaceHit, type PlaceMatcher } from './matcher.js';
export { UNITS, SPELLINGS, type Unit } from './gazetteer.js';

/** Body paragraphs read for provinces, after the title and the lead (districts and wards: all of them). */
export const PLACE_PARAGRAPHS = 3;

let shared: PlaceMatcher | null = null;

/** The matcher normalization uses, built on first use: compiling it is the costly part and need not happen at import. */
export function placeMatcher(): PlaceMatcher {
  shared ??= createPlaceMatcher();
  return shared;
}

export interface PlaceInput {
  title: string;
  lead: string;
  /** contentText: paragraphs separated by blank lines. */
  bodyText: string;
  section: TopicRef | null;
  tags: readonly TopicRef[];
}

/** Place slugs in the order first named; a former province's slug is followed by its 2025 unit's. */
export function placeTopics(input: PlaceInput, matcher: PlaceMatcher = placeMatcher()): string[] {
  const paragraphs = input.bodyText.split(/\n{2,}/);
  const refs = [...(input.section ? [input.section] : []), ...input.tags];
  const head = [input.title, input.lead, ...paragraphs.slice(0, PLACE_PARAGRAPHS)];
  const out = new Set<string>();
  // Each text on its own: a place cannot run from the title into the lead.
  for (const text of [...head, ...refs.map((r) => r.name)]) for (const hit of matcher.find(text)) for (const s of hit.slugs) out.add(s);
  for (const text of paragraphs.slice(PLACE_PARAGRAPHS)) for (const hit of matcher.findLocal(text)) for (const s of hit.slugs) out.add(s);
  for (const r of refs) for (const s of matcher.slugsOf(r.slug) ?? []) out.add(s);
  return [...out];
}
