/**
 * How alike two body texts are: token F1 over word multisets, the measure
 * the extraction eval uses. A profile's body container never reproduces
 * Readability's output byte for byte (a caption more, an echo of the title
 * less), so bodies are compared by their words.
 */
function counts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const token of text.toLocaleLowerCase('vi').split(/[^\p{L}\p{N}]+/u)) {
    if (token !== '') out.set(token, (out.get(token) ?? 0) + 1);
  }
  return out;
}

export interface Overlap {
  /** Share of `got`'s words that `wanted` has too: low when `got` adds furniture. */
  precision: number;
  /** Share of `wanted`'s words that `got` has: low when `got` misses prose. */
  recall: number;
  f1: number;
}

export function overlap(got: string, wanted: string): Overlap {
  const ca = counts(got);
  const cb = counts(wanted);
  let common = 0;
  let na = 0;
  let nb = 0;
  for (const n of ca.values()) na += n;
  for (const n of cb.values()) nb += n;
  for (const [token, n] of ca) common += Math.min(n, cb.get(token) ?? 0);
  if (na === 0 || nb === 0 || common === 0) return { precision: 0, recall: 0, f1: 0 };
  const precision = common / na;
  const recall = common / nb;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

export function tokenF1(a: string, b: string): number {
  return overlap(a, b).f1;
}
