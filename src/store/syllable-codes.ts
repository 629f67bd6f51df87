/**
 * Vietnamese text as syllable codes, the step before deflate in record
 * layout 3 (record-codec.ts). Deflate codes bytes, and a Vietnamese syllable
 * is 2–7 bytes of UTF-8, often with a 3-byte letter in it (ệ is E1 BB 87),
 * so deflate spends most of its bits rebuilding syllables it has seen a
 * thousand times. Coding each known syllable as one or two bytes first
 * leaves deflate the part it is good at, repeats of phrases: a body deflates
 * to about 13% fewer bytes, and faster, since there are half as many.
 *
 * The coded bytes:
 * - 0x00–0x7F: that ASCII byte;
 * - 0x80–0x9F: one-byte codes 0–31;
 * - 0xA0–0xFD then one byte: two-byte codes from 32 on;
 * - 0xFE: the code after it, with its first letter upper case;
 * - 0xFF: one character not coded, as its UTF-8 bytes (2–4; the first says how many).
 * The code of a syllable is its place in `codebook()`: the fixtures' most
 * frequent syllables first, then the rest of syllables.ts. It is part of
 * the stored layout: tests pin its digest.
 *
 * Written by hand because no maintained npm package does a reversible word
 * transform for deflate; brotli's and zstd's context modelling would make it
 * unneeded, but Node 20 has no zstd and brotli was larger and slower here
 * (README, The article record).
 */
import { RANKED_SYLLABLES } from './record-words-ranked.js';
import { vietnameseSyllables } from './syllables.js';

const ONE_BYTE = 32;
const ONE_BASE = 0x80;
const LEAD_BASE = ONE_BASE + ONE_BYTE;
const CAPITAL = 0xfe;
const LITERAL = 0xff;
const CAPACITY = ONE_BYTE + (CAPITAL - LEAD_BASE) * 256;
/** Letters a syllable may be made of: ASCII letters and U+00C0–U+1FFF (Latin with diacritics) but × and ÷. */
const LETTER_END = 0x2000;
const TABLE_BITS = 16;

interface Codebook {
  words: readonly string[];
  /** Open addressing on the word's hash: code + 1, 0 empty. */
  table: Int32Array;
  /** For each code below LETTER_END: its lower case if it is a letter a syllable may hold, else 0. */
  letter: Uint16Array;
  /** Each code's word as UTF-16 code units, then its capitalized form, all in one array: code c's at `starts[2c]`, `starts[2c + 1]`. */
  units: Uint16Array;
  starts: Uint32Array;
}

let built: Codebook | null = null;

/** Every code's syllable, in code order: the ranked ones, then the rest of the generated ones. */
export function codebookWords(): readonly string[] {
  return codebook().words;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function codebook(): Codebook {
  if (built !== null) return built;
  const ranked = new Set(RANKED_SYLLABLES);
  const words = [...RANKED_SYLLABLES, ...vietnameseSyllables().filter((w) => !ranked.has(w))];
  if (words.length > CAPACITY) throw new Error(`syllable codebook holds ${words.length} words, room for ${CAPACITY}`);
  const table = new Int32Array(1 << TABLE_BITS);
  const mask = table.length - 1;
  words.forEach((w, code) => {
    let h = FNV_OFFSET;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), FNV_PRIME);
    let slot = (h >>> 0) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = code + 1;
  });
  const letter = new Uint16Array(LETTER_END);
  for (let c = 0; c < LETTER_END; c++) {
    const isLetter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);
    const l = String.fromCharCode(c).toLowerCase();
    if (isLetter) letter[c] = l.length === 1 ? l.charCodeAt(0) : c;
  }
  const forms = words.flatMap((w) => [w, (w[0] as string).toUpperCase() + w.slice(1)]);
  const starts = new Uint32Array(forms.length + 1);
  forms.forEach((f, i) => (starts[i + 1] = (starts[i] as number) + f.length));
  const units = new Uint16Array(starts[forms.length] as number);
  forms.forEach((f, i) => {
    for (let k = 0; k < f.length; k++) units[(starts[i] as number) + k] = f.charCodeAt(k);
  });
  built = { words, table, letter, units, starts };
  return built;
}

/**
 * The code of s[from, to) (hash `h`), written as the code's word, or, when `capital`, as its word capitalized
 * (hash `h` then that of the lower-cased run); -1 when none.
 */
function lookup(book: Codebook, s: string, from: number, to: number, h: number, capital: boolean): number {
  const { table, units, starts, letter } = book;
  const mask = table.length - 1;
  const length = to - from;
  // Compared unit by unit against the codebook's UTF-16, not through string calls: most runs are found or missed
  // at the first slot, and the comparison is what the lookup costs.
  probe: for (let slot = (h >>> 0) & mask; ; slot = (slot + 1) & mask) {
    const entry = table[slot] as number;
    if (entry === 0) return -1;
    const start = starts[2 * (entry - 1)] as number;
    if ((starts[2 * (entry - 1) + 1] as number) - start !== length) continue;
    let k = 0;
    if (capital) {
      if (units[start] !== letter[s.charCodeAt(from)]) continue;
      k = 1;
    }
    for (; k < length; k++) if (units[start + k] !== s.charCodeAt(from + k)) continue probe;
    return entry - 1;
  }
}

/** Well-formed text (no lone surrogate: the caller checks) as syllable codes. */
export function encodeSyllables(s: string): Buffer {
  const book = codebook();
  const letter = book.letter;
  // At most 4 bytes per UTF-16 unit (an uncoded BMP character: LITERAL + 3), so this never overflows.
  const out = Buffer.allocUnsafe(s.length * 4);
  let o = 0;
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c < 0x80 && letter[c] === 0) {
      out[o++] = c;
      i++;
      continue;
    }
    if (c >= LETTER_END || letter[c] === 0) {
      if (c >= 0xd800 && c < 0xdc00) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00);
        out[o++] = LITERAL;
        out[o++] = 0xf0 | (cp >> 18);
        out[o++] = 0x80 | ((cp >> 12) & 63);
        out[o++] = 0x80 | ((cp >> 6) & 63);
        out[o++] = 0x80 | (cp & 63);
        i += 2;
      } else {
        o = literal(out, o, c);
        i++;
      }
      continue;
    }
    // A run of letters, its hash as written, and whether all but its first letter are lower case.
    let exact = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
    let restLower = true;
    let j = i + 1;
    for (; j < n; j++) {
      const d = s.charCodeAt(j);
      if (d >= LETTER_END) break;
      const l = letter[d] as number;
      if (l === 0) break;
      if (l !== d) restLower = false;
      exact = Math.imul(exact ^ d, FNV_PRIME);
    }
    let code = lookup(book, s, i, j, exact, false);
    const first = letter[c] as number;
    if (code < 0 && first !== c && restLower) {
      // Capitalized: looked up by the hash of its lower case, which differs only in the first letter.
      let lowered = Math.imul(FNV_OFFSET ^ first, FNV_PRIME);
      for (let k = i + 1; k < j; k++) lowered = Math.imul(lowered ^ s.charCodeAt(k), FNV_PRIME);
      code = lookup(book, s, i, j, lowered, true);
      if (code >= 0) out[o++] = CAPITAL;
    }
    if (code >= 0) {
      if (code < ONE_BYTE) {
        out[o++] = ONE_BASE + code;
      } else {
        out[o++] = LEAD_BASE + ((code - ONE_BYTE) >> 8);
        out[o++] = (code - ONE_BYTE) & 0xff;
      }
    } else {
      for (; i < j; i++) {
        const d = s.charCodeAt(i);
        if (d < 0x80) out[o++] = d;
        else o = literal(out, o, d);
      }
    }
    i = j;
  }
  return out.subarray(0, o);
}

/** A BMP character below the surrogates or above them, as LITERAL and its UTF-8. */
function literal(out: Buffer, o: number, c: number): number {
  out[o++] = LITERAL;
  if (c < 0x800) {
    out[o++] = 0xc0 | (c >> 6);
  } else {
    out[o++] = 0xe0 | (c >> 12);
    out[o++] = 0x80 | ((c >> 6) & 63);
  }
  out[o++] = 0x80 | (c & 63);
  return o;
}

/** Thrown for coded bytes encodeSyllables cannot have written; the codec turns it into a CorruptRecordError. */
export class SyllableCodeError extends Error {}

/**
 * What encodeSyllables was given. Decoded to UTF-16 code units and made a string in one copy: no UTF-8 decoding
 * of the body, which costs more than the syllable codes do (Node 20 decodes UTF-8 at about 5 ns a byte).
 */
export function decodeSyllables(coded: Uint8Array): string {
  const { units, starts } = codebook();
  const words = starts.length >> 1;
  // A byte gives at most 7 code units (a word); grown when a body beats the guess.
  let out = new Uint16Array(coded.length * 2 + 64);
  let o = 0;
  const n = coded.length;
  for (let i = 0; i < n; ) {
    if (out.length - o < 16) {
      const grown = new Uint16Array(out.length * 2);
      grown.set(out.subarray(0, o));
      out = grown;
    }
    const x = coded[i++] as number;
    if (x < 0x80) {
      out[o++] = x;
      continue;
    }
    if (x === LITERAL) {
      o = literalBack(coded, i, out, o);
      i += utf8Length(coded[i] as number);
      continue;
    }
    let z = x;
    let form = 0;
    if (z === CAPITAL) {
      if (i >= n) throw new SyllableCodeError('capital mark at the end');
      z = coded[i++] as number;
      if (z < ONE_BASE || z >= CAPITAL) throw new SyllableCodeError('capital mark before no code');
      form = 1;
    }
    let code: number;
    if (z < LEAD_BASE) {
      code = z - ONE_BASE;
    } else {
      if (i >= n) throw new SyllableCodeError('cut two-byte code');
      code = ONE_BYTE + ((z - LEAD_BASE) << 8) + (coded[i++] as number);
    }
    if (code >= words) throw new SyllableCodeError(`no syllable has code ${code}`);
    const end = starts[2 * code + form + 1] as number;
    for (let k = starts[2 * code + form] as number; k < end; k++) out[o++] = units[k] as number;
  }
  // A Uint16Array is in the host's byte order, little-endian on every platform Node ships for.
  return Buffer.from(out.buffer, out.byteOffset, o * 2).toString('utf16le');
}

/** The bytes of a UTF-8 sequence, by its first byte (literalBack checks that it is one). */
const utf8Length = (lead: number): number => (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2);

/** The character whose UTF-8 starts at coded[i] (after a LITERAL byte), written to out at o as UTF-16; the new o. */
function literalBack(coded: Uint8Array, i: number, out: Uint16Array, o: number): number {
  const lead = coded[i];
  if (lead === undefined || lead < 0xc0 || lead > 0xf4) throw new SyllableCodeError('cut literal');
  const len = utf8Length(lead);
  if (i + len > coded.length) throw new SyllableCodeError('cut literal');
  let cp = lead & (0x7f >> len);
  for (let k = 1; k < len; k++) {
    const b = coded[i + k] as number;
    if ((b & 0xc0) !== 0x80) throw new SyllableCodeError('cut literal');
    cp = (cp << 6) | (b & 63);
  }
  // Only what literal() and the surrogate-pair branch write: the shortest form, no surrogate, nothing past U+10FFFF.
  if (cp < (len === 2 ? 0x80 : len === 3 ? 0x800 : 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) throw new SyllableCodeError('literal encodeSyllables cannot have written');
  if (cp < 0x10000) {
    out[o++] = cp;
  } else {
    out[o++] = 0xd800 + ((cp - 0x10000) >> 10);
    out[o++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
  }
  return o;
}
