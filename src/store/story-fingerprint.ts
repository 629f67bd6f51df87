/**
 * What makes two articles "the same story", computed from the text alone:
 * the set of word shingles of the folded lead and body, and a MinHash of it
 * cut into LSH bands. The title is left out on purpose: wire copies are
 * retitled by every paper that runs them.
 *
 * Each band is a single MinHash value (bands of one row). With the exact
 * Jaccard check that follows every band hit (story-index.ts), one-row bands
 * give the best recall per byte of Redis: a pair with Jaccard J shares at
 * least one of B bands with probability 1 - (1 - J)^B, and a band costs one
 * small hash entry per story. The figures that chose these constants are
 * in the README ("Stories") and come from `npm run bench:stories`.
 */
import { fold } from '../core/slug.js';

export interface StoryTuning {
  /** Words per shingle. */
  shingleWords: number;
  /** MinHash bands, one value each. */
  bands: number;
  /** Exact Jaccard similarity of shingle sets at or above which two texts are one story. */
  threshold: number;
  /**
   * Or this share of the shorter text's shingles found in the longer: a paper that runs only part of a wire
   * story, or adds much of its own, keeps most of the shorter text (real republications in the bench corpus:
   * 0.69 to 0.84 with a Jaccard of 0.42 to 0.48; the highest between different stories, 0.63).
   */
  containment: number;
  /** Containment counts only when the shorter text has this many shingles: a short brief is contained in many roundups. */
  minContained: number;
  /** Texts with fewer shingles than this are too short to tell (a photo caption, a one-line brief): their own story. */
  minShingles: number;
}

export const STORY_TUNING: StoryTuning = { shingleWords: 4, bands: 6, threshold: 0.5, containment: 0.7, minContained: 100, minShingles: 12 };

export interface StoryFingerprint {
  /** 32-bit hashes of the distinct shingles, ascending. */
  shingles: Uint32Array;
  /** One field per band (`{band}{value base 36}`), or none when the text is too short to tell. */
  bands: string[];
}

/** Seeds of the MinHash permutations: fixed forever, since every stored band was computed with them. */
const SEEDS = [0x9e3779b9, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f, 0x165667b1, 0xd3a2646c, 0xfd7046c5, 0xb55a4f09, 0x7feb352d, 0x846ca68b, 0x68e31da4, 0xb5297a4d];

/** murmur3's 32-bit finalizer: a cheap, well-mixed permutation of 32-bit integers. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Each UTF-16 code unit below 0x2000 mapped to its folded ASCII letter or digit (`ệ` → `e`, `Đ` → `d`), or 0
 * for a word boundary: `fold` applied once per code unit, so hashing an article's words is one pass over its
 * text instead of a Unicode decomposition and three regular expressions (0.18 ms → 0.03 ms). Built on the
 * first hash, not at import: every role loads this file with the store, but only a worker storing an article
 * hashes, and the 8,192 folds are 1.6 MB of garbage at start (bench:idle).
 */
let folded: Uint8Array | null = null;
function foldedTable(): Uint8Array {
  if (folded !== null) return folded;
  const table = new Uint8Array(0x2000);
  for (let c = 0; c < table.length; c++) {
    const f = fold(String.fromCharCode(c));
    if (f.length === 1 && /[a-z0-9]/.test(f)) table[c] = f.charCodeAt(0);
  }
  folded = table;
  return table;
}

/** FNV-1a hashes of the folded words of a text, in order: no diacritics, no case, no punctuation. */
export function wordHashes(text: string): Uint32Array {
  const table = foldedTable();
  const nfc = text.normalize('NFC');
  // A word is at least one code unit and is followed by a boundary (or the end): at most half the text, rounded up.
  const out = new Uint32Array((nfc.length + 1) >>> 1);
  let n = 0;
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < nfc.length; i++) {
    const code = nfc.charCodeAt(i);
    const f = code < 0x2000 ? (table[code] as number) : 0;
    if (f === 0) {
      if (inWord) out[n++] = h;
      h = 0x811c9dc5;
      inWord = false;
      continue;
    }
    h = Math.imul(h ^ f, 0x01000193);
    inWord = true;
  }
  if (inWord) out[n++] = h;
  return out.subarray(0, n);
}

/**
 * Sorts in place, ascending: a least-significant-byte radix sort, four passes over the array. For the
 * 1,000–3,000 shingles of an article it takes a fifth of the time of TypedArray.prototype.sort (V8 sorts a
 * typed array by comparisons: 50 µs for 1,700 shingles).
 */
function sortUint32(a: Uint32Array): void {
  if (a.length < 64) {
    a.sort();
    return;
  }
  let from: Uint32Array = a;
  let to: Uint32Array = new Uint32Array(a.length);
  const counts = new Uint32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    counts.fill(0);
    for (let i = 0; i < from.length; i++) {
      const d = ((from[i] as number) >>> shift) & 0xff;
      counts[d] = (counts[d] as number) + 1;
    }
    let sum = 0;
    for (let d = 0; d < 256; d++) {
      const c = counts[d] as number;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < from.length; i++) {
      const v = from[i] as number;
      const d = (v >>> shift) & 0xff;
      const at = counts[d] as number;
      to[at] = v;
      counts[d] = at + 1;
    }
    [from, to] = [to, from];
  }
  // Four passes: the sorted values are back in `a`.
}

/**
 * The distinct shingles of a text as 32-bit hashes, ascending: each word is hashed once and a shingle's
 * hash mixes its words' hashes, and a sorted typed array makes the set and its comparison cheap
 * (a 700-word article: 0.03 ms, against 0.1 ms for a Set of joined strings' hashes).
 */
export function shingleSet(text: string, words = STORY_TUNING.shingleWords): Uint32Array {
  const hashes = wordHashes(text);
  const width = Math.min(words, hashes.length);
  const count = width === 0 ? 0 : hashes.length - width + 1;
  const all = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x2545f491;
    for (let j = 0; j < width; j++) h = Math.imul(h ^ (hashes[i + j] as number), 0x01000193);
    all[i] = fmix32(h >>> 0);
  }
  sortUint32(all);
  let n = 0;
  for (let i = 0; i < count; i++) if (i === 0 || all[i] !== all[n - 1]) all[n++] = all[i] as number;
  return all.subarray(0, n);
}

/** The text a story is recognized by: the lead and the body, not the title. */
export function storyText(article: { lead: string; contentText: string }): string {
  return `${article.lead}\n${article.contentText}`;
}

export function fingerprint(text: string, tuning: StoryTuning = STORY_TUNING): StoryFingerprint {
  if (tuning.bands > SEEDS.length) throw new RangeError(`at most ${SEEDS.length} bands`);
  const shingles = shingleSet(text, tuning.shingleWords);
  if (shingles.length < tuning.minShingles) return { shingles, bands: [] };
  const mins = new Array<number>(tuning.bands).fill(0xffffffff);
  for (const s of shingles) {
    for (let b = 0; b < tuning.bands; b++) {
      const v = fmix32(s ^ (SEEDS[b] as number));
      if (v < (mins[b] as number)) mins[b] = v;
    }
  }
  return { shingles, bands: mins.map((v, b) => `${b.toString(36)}${v.toString(36)}`) };
}

/** How many shingles two ascending shingle arrays share, by one merge. */
function shared(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** |A ∩ B| / |A ∪ B|. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  const n = shared(a, b);
  return n / (a.length + b.length - n);
}

/** Whether two texts tell one story, and how close they are (for choosing between candidates): Jaccard, or containment of the shorter. */
export function sameStory(a: Uint32Array, b: Uint32Array, tuning: StoryTuning = STORY_TUNING): { same: boolean; score: number } {
  if (a.length === 0 || b.length === 0) return { same: false, score: 0 };
  const n = shared(a, b);
  const j = n / (a.length + b.length - n);
  const shorter = Math.min(a.length, b.length);
  const contained = shorter >= tuning.minContained ? n / shorter : 0;
  return { same: j >= tuning.threshold || contained >= tuning.containment, score: Math.max(j, contained) };
}
