/** The keyword filter of `?q=`: Vietnamese text compared without diacritics or case. */
import { fold } from '../core/slug.js';

/** Words of a search query, folded; every one must appear for a match. */
export function queryWords(q: string): string[] {
  return fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

export function matchesAll(haystack: string, words: readonly string[]): boolean {
  const folded = fold(haystack);
  return words.every((w) => folded.includes(w));
}
