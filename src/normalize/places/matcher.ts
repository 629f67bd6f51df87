/**
 * Finding the gazetteer's places in text. Vietnamese proper names are
 * capitalized syllables separated by spaces, so a place is a run of them:
 * one alternation of every spelling (longest first, so `Bà Rịa - Vũng Tàu`
 * wins over `Bà Rịa`), matched case-sensitively in its written, first-letter
 * capitalized and ALL-CAPS forms (`tỉnh Quảng Nam`, `Quận Hoàn Kiếm`, the
 * dateline `HÀ NỘI -`), and two rules that keep a longer name from being
 * read as a place inside it:
 *
 * - no capitalized syllable may follow on the same line: `Hà Nam Ninh`,
 *   `Hà Nội Mới`, `Thái Bình Dương`, `Điện Biên Phủ` are other names;
 * - no capitalized syllable may come just before, unless it is a word that
 *   starts sentences (`Tại Hà Nội`): `Nguyễn Hải Dương` and `Thị Hà Giang`
 *   are people, `Thái Bình Dương`'s `Bình Dương` is an ocean. An acronym
 *   before a mixed-case name is fine (`UBND Hà Nội`, `TP Hà Nội`).
 *
 * `Nam` alone is no spelling, so it never matches; `Quảng Nam` and `Nam
 * Định` do. Text is NFC'd and the newer tone placement folded into the older (`Hoà` → `Hòa`)
 * before matching, on a copy of the same length.
 */
import { slugify } from '../../core/slug.js';
import { NOT_BARE, SPELLINGS, UNITS, type SpellingRule } from './gazetteer.js';

export interface PlaceHit {
  /** The text as it stood. */
  text: string;
  index: number;
  /** The place's slug, then the slug of the 2025 unit it is part of when that differs (`bac-giang`, `bac-ninh`). */
  slugs: readonly string[];
  /** A district or ward spelling (`quận Hoàn Kiếm`), not a province's. */
  local: boolean;
}

export interface PlaceMatcher {
  /** Every place named in the text, in text order. */
  find(text: string): PlaceHit[];
  /** Only the district and ward spellings: a far smaller regex, for the long rest of a body. */
  findLocal(text: string): PlaceHit[];
  /** A topic slug that names a place (`bac-giang`, `tp-hcm`), → its slugs as find gives them; null otherwise. */
  slugsOf(slug: string): readonly string[] | null;
  /** slug → display name of every place slug find can return. */
  names: ReadonlyMap<string, string>;
}

interface Entry {
  slugs: readonly string[];
  rule: SpellingRule;
  local: boolean;
}

// Tone marks on `oa` at a syllable's end: `hoà` (new placement) → `hòa` (the one the gazetteer is written in).
const OLD_TONE: Record<string, string> = { à: 'ò', á: 'ó', ả: 'ỏ', ã: 'õ', ạ: 'ọ', À: 'Ò', Á: 'Ó', Ả: 'Ỏ', Ã: 'Õ', Ạ: 'Ọ' };
const NEW_TONE_OA = /([oO])([àáảãạÀÁẢÃẠ])(?![\p{L}\p{M}])/gu;

export function foldTones(text: string): string {
  const nfc = text.normalize('NFC');
  return nfc.replace(NEW_TONE_OA, (_m, o: string, a: string) => {
    const marked = OLD_TONE[a]!;
    const plainA = a === a.toLowerCase() ? 'a' : 'A';
    return (o === 'o' ? marked.toLowerCase() : marked.toUpperCase()) + plainA;
  });
}

/** Words a sentence starts with before a place (`Tại Hà Nội`), compared in lower case. */
const SENTENCE_WORDS = new Set(
  ('tại ở từ về đến tới với cho trong ngoài riêng như theo khi sau trước và cả toàn cùng còn nhưng ra vào lên xuống qua ' +
    'giữa của thuộc là có thì tỉnh thành phố tp huyện quận phường xã miền tin').split(' '),
);

const WORD_BEFORE = /(?:^|[^\p{L}\p{M}\p{N}])(\p{Lu}[\p{L}\p{M}]*)[ \u00A0]+$/u;
const SENTENCE_START = /(?:^|[.!?…:;"“«(\n])[ \u00A0]*$/u;
const HAS_LOWER = /\p{Ll}/u;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const capFirst = (s: string): string => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

function rejected(text: string, index: number, matched: string, rule: SpellingRule): boolean {
  const before = text.slice(Math.max(0, index - 40), index);
  if (rule === 'mid-sentence' && SENTENCE_START.test(before)) return true;
  const word = WORD_BEFORE.exec(before)?.[1];
  if (word === undefined || SENTENCE_WORDS.has(word.toLocaleLowerCase('vi'))) return false;
  // A Title-case word before is a longer name; an acronym before counts only against an ALL-CAPS match.
  return HAS_LOWER.test(word) || !HAS_LOWER.test(matched);
}

/** Builds the regex over every spelling (a few hundred alternatives) and a small one of the district and ward spellings: call once and keep it. */
export function createPlaceMatcher(): PlaceMatcher {
  const slugOfName = (name: string): string => slugify(name);
  const unitOf = new Map<string, string>(); // any unit name, former or current → the 2025 unit's name
  const names = new Map<string, string>();
  for (const u of UNITS) {
    unitOf.set(u.name, u.name);
    names.set(slugOfName(u.name), u.name);
    for (const f of u.formedFrom) {
      unitOf.set(f, u.name);
      if (!names.has(slugOfName(f))) names.set(slugOfName(f), f);
    }
  }
  const slugsFor = (name: string): readonly string[] => {
    const current = unitOf.get(name);
    if (current === undefined) throw new Error(`gazetteer: spelling of unknown unit ${name}`);
    return [...new Set([slugOfName(name), slugOfName(current)])];
  };

  const forms = new Map<string, Entry>();
  const bySlug = new Map<string, readonly string[]>();
  const add = (form: string, entry: Entry): void => {
    const variants = entry.rule === 'mid-sentence' ? [form] : [form, capFirst(form), form.toLocaleUpperCase('vi')];
    for (const v of variants) forms.set(foldTones(v), entry);
    // A tag `Thủ đô` is the page's word for a section, not a claim about the text; source aliases map it.
    if (entry.rule === 'text' && !bySlug.has(slugify(form))) bySlug.set(slugify(form), entry.slugs);
  };
  for (const name of unitOf.keys()) if (!NOT_BARE.has(name)) add(name, { slugs: slugsFor(name), rule: 'text', local: false });
  for (const s of SPELLINGS) add(s.form, { slugs: slugsFor(s.of), rule: s.rule ?? 'text', local: s.local ?? false });
  for (const name of NOT_BARE) if (!bySlug.has(slugify(name))) bySlug.set(slugify(name), slugsFor(name));

  const compile = (keys: string[]): RegExp => {
    const alternation = keys
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|');
    return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${alternation})(?![\\p{L}\\p{M}\\p{N}])(?![ \\u00A0]+\\p{Lu})`, 'gu');
  };
  const every = compile([...forms.keys()]);
  const local = compile([...forms].filter(([, e]) => e.local).map(([k]) => k));

  const find = (pattern: RegExp, raw: string): PlaceHit[] => {
    const text = foldTones(raw);
    const hits: PlaceHit[] = [];
    // The compiled regex itself, rewound: a copy per call (new RegExp) costs V8 a recompile of a few hundred
    // alternatives whenever its regex cache was dropped, which every major GC does. find never re-enters.
    const re = pattern;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const entry = forms.get(m[0])!;
      if (rejected(text, m.index, m[0], entry.rule)) {
        // A later spelling may start inside this one.
        re.lastIndex = m.index + 1;
        continue;
      }
      hits.push({ text: raw.normalize('NFC').slice(m.index, m.index + m[0].length), index: m.index, slugs: entry.slugs, local: entry.local });
    }
    return hits;
  };

  return {
    names,
    slugsOf: (slug) => bySlug.get(slug) ?? null,
    find: (text) => find(every, text),
    findLocal: (text) => find(local, text),
  };
}
