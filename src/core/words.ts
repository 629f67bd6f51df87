/**
 * Whole-word, diacritic-blind phrase matching: what feed rules and the
 * category keyword table both mean by "the text mentions X". Text and phrase
 * are folded (src/core/slug.ts) and cut into words, and a phrase matches
 * where its words appear in a row, so `ha noi` finds `Hà Nội` and `Nam`
 * does not find `Namibia`. One definition, so an operator's feed rule and
 * the shipped category table cannot disagree on what a keyword matches.
 */
import { fold } from './slug.js';

/** The folded words of a text, in order. */
export function words(text: string): string[] {
  return fold(text.normalize('NFC'))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** A phrase prepared once, matched against many texts. */
export type Phrase = readonly string[];

export function phrase(text: string): Phrase {
  return words(text);
}

/** True when the phrase's words appear consecutively in `haystack` (already cut by `words`). An empty phrase matches nothing. */
export function containsPhrase(haystack: readonly string[], p: Phrase): boolean {
  if (p.length === 0 || p.length > haystack.length) return false;
  outer: for (let i = 0; i + p.length <= haystack.length; i++) {
    for (let j = 0; j < p.length; j++) if (haystack[i + j] !== p[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The words of an article's title and lead, each cut on its own so a phrase
 * never spans the end of the title and the start of the lead.
 */
export function titleAndLeadWords(article: { title: string; lead: string }): string[][] {
  return [words(article.title), words(article.lead)];
}

export function mentions(parts: readonly (readonly string[])[], p: Phrase): boolean {
  return parts.some((w) => containsPhrase(w, p));
}
