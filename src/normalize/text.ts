/**
 * Text repair shared by every text field. Vietnamese pages arrive in NFC or
 * NFD, with zero-width characters (which `\s` does not match), non-breaking
 * spaces, stray control characters and U+00D0 (Icelandic Eth) typed for Đ.
 */

// U+200B-U+200D, U+2060 (word joiner), U+FEFF (BOM), U+00AD (soft hyphen): invisible, never meaningful in a feed.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// C0 and C1 controls except tab/newline/CR, which become spaces below. Stray controls come from copy-paste out of Word.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Every kind of space, including NBSP (U+00A0), narrow NBSP and figure space.
const SPACES = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

/**
 * Đ only ever starts a Vietnamese syllable, and Icelandic never starts a word
 * with ð, so a word-initial Ð/ð is the Vietnamese letter typed wrong. Inside
 * an all-caps token (`HÐND`, `KTÐT`) it is an abbreviation, also Vietnamese.
 */
const ETH_WORD_START = /(^|[^\p{L}\p{M}])([Ðð])(?=\p{L})/gu;
const ETH_IN_CAPS = /(?<=\p{Lu})Ð|Ð(?=\p{Lu})/gu;

function repairEth(s: string): string {
  if (!/[Ðð]/.test(s)) return s;
  return s
    .replace(ETH_WORD_START, (_m, before: string, eth: string) => before + (eth === 'Ð' ? 'Đ' : 'đ'))
    .replace(ETH_IN_CAPS, 'Đ');
}

// Anything repairChars could change after NFC: controls, soft hyphen, Ð/ð, zero-width characters. Most text
// nodes contain none, and skipping the replacements keeps the body pass cheap. (NFC itself is cheap on text
// that is already NFC; a \p{M} test to skip it costs 20x more than just doing it.)
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_REPAIR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u00D0\u00F0\u200B-\u200D\u2060\uFEFF]/;
// Anything collapseSpaces would change beyond that: a space that is not U+0020, or two in a row.
const NEEDS_COLLAPSE = /[\t\n\r\f\v\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]| {2}/;

/**
 * Character-level repair without touching whitespace layout: NFC, invisible
 * and control characters removed, Ð→Đ. Used on HTML text nodes, where the
 * spaces at node edges matter.
 */
export function repairChars(s: string): string {
  const nfc = s.normalize('NFC');
  if (!NEEDS_REPAIR.test(nfc)) return nfc;
  // Removing a zero-width character can bring a base letter and its mark together: compose again.
  return repairEth(nfc.replace(INVISIBLE, '').replace(CONTROL, '').normalize('NFC'));
}

/**
 * Like repairChars, and every run of whitespace (NBSP included) becomes one space. Not trimmed. A run with
 * an ideographic space (U+3000) in it becomes one U+3000: it is the word space of Chinese and Japanese
 * text, as wide as a character, and U+0020 would change the layout its writer chose.
 */
export function collapseSpaces(s: string): string {
  const r = repairChars(s);
  if (!NEEDS_COLLAPSE.test(r)) return r;
  if (!r.includes('\u3000')) return r.replace(SPACES, ' ');
  return r.replace(SPACES, (run) => (run.includes('\u3000') ? '\u3000' : ' '));
}

/** The normal form of a one-line text field: repaired, spaces collapsed, trimmed. Curly quotes are kept. */
export function normalizeText(s: string): string {
  return collapseSpaces(s).trim();
}
