/**
 * Folding Vietnamese text for comparison: no diacritics, no case. `Đ/đ` has
 * no Unicode decomposition, so it is mapped by hand (with the U+00D0
 * look-alike some pages type for it). Kept here rather than imported from
 * normalize: serve only talks to render and store.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐÐð]/g, 'd')
    .toLowerCase();
}

/** The ASCII slug a path segment stands for: `Hà-Nội` → `ha-noi`. */
export function toSlug(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

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
