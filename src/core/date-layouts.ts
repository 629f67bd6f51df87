/**
 * The table of date layouts: every way we know a news page prints a date,
 * written in one small token language so a site profile can add its own
 * (`dateFormats`) and `sources add` can name the layout a site uses.
 *
 * Tokens: `YYYY` year; `M`/`MM` month number; `MMM`/`MMMM` English month
 * name (long or short); `D`/`DD` day (an English ordinal suffix is allowed);
 * `H`/`HH` hour 0-23; `h`/`hh` hour 1-12 with `A` (AM/PM, a.m./p.m., SA/CH);
 * `mm` minutes; `ss` seconds; `Z` a zone (Z, +07:00, +0700, GMT+7, EST...);
 * `dddd` a weekday name (English or Vietnamese), matched and ignored.
 * `/` matches any date separator (`/`, `-`, `.`); `:` also matches `h`
 * (17h39); a space matches any run of space and the glue papers put between
 * date and time (` - `, ` | `, `, `, `lúc`); `(...)?` is optional; `[...]`
 * is literal text. Letters match case-insensitively.
 *
 * Why our own: no date library reads Vietnamese forms (chrono-node has no
 * `vi`), and we need "the first layout that matches, anywhere in the text"
 * over one ordered table rather than a format per call.
 */

export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC, when the text says; null means the source's zone. */
  offset: number | null;
}

export interface CompiledLayout {
  layout: string;
  regex: RegExp;
  /** Named groups → parts; null when a part is impossible (month 13). */
  read(groups: Record<string, string | undefined>): DateParts | null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_NAME = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const WEEKDAY = String.raw`(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn|t[2-7])\.?`;

/** Zone abbreviations news sites print, in minutes east of UTC. */
export const ZONE_NAMES: Record<string, number> = {
  Z: 0, UT: 0, UTC: 0, GMT: 0, WET: 0, BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180,
  IST: 330, ICT: 420, WIB: 420, SGT: 480, HKT: 480, AWST: 480, KST: 540, JST: 540, AEST: 600, AEDT: 660,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, HST: -600,
};
const ZONE = String.raw`(?:(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|[+-]\d{2}(?!\d)|\b(?:${Object.keys(ZONE_NAMES).join('|')})\b)`;

/** Minutes east of UTC for a zone as printed; null when it is not one. */
export function zoneOffset(text: string): number | null {
  const t = text.trim().toUpperCase();
  if (t in ZONE_NAMES) return ZONE_NAMES[t] ?? null;
  const m = /^(?:GMT|UTC)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (!m) return null;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (mins > 14 * 60) return null;
  return m[1] === '-' ? -mins : mins;
}

const TOKENS: [string, string][] = [
  ['YYYY', '(?<year>\\d{4})'],
  ['MMMM', `(?<monthName>${MONTH_NAME})`],
  ['MMM', `(?<monthName>${MONTH_NAME})`],
  ['MM', '(?<month>\\d{1,2})'],
  ['M', '(?<month>\\d{1,2})'],
  ['DD', '(?<day>\\d{1,2})(?:st|nd|rd|th)?'],
  ['D', '(?<day>\\d{1,2})(?:st|nd|rd|th)?'],
  ['dddd', WEEKDAY],
  ['HH', '(?<hour>\\d{1,2})'],
  ['H', '(?<hour>\\d{1,2})'],
  ['hh', '(?<hour12>\\d{1,2})'],
  ['h', '(?<hour12>\\d{1,2})'],
  ['mm', '(?<minute>\\d{2})'],
  ['ss', '(?<second>\\d{2})(?:[.,]\\d{1,9})?'],
  ['A', '(?<meridiem>[ap]\\.?\\s?m\\.?|sa|ch)(?![\\p{L}])'],
  ['Z', `(?<zone>${ZONE})`],
];
const GLUE = String.raw`(?:\s*[-|,–—@]\s*|\s*(?:lúc|at)\s+|\s+)`;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The layout's regex source, or an Error naming what is wrong with it. */
function compileSource(layout: string): string | Error {
  let out = '';
  let i = 0;
  let depth = 0;
  while (i < layout.length) {
    const rest = layout.slice(i);
    const token = TOKENS.find(([name]) => rest.startsWith(name));
    if (token) {
      out += token[1];
      i += token[0].length;
      continue;
    }
    const c = layout[i] as string;
    if (c === '[') {
      const end = layout.indexOf(']', i);
      if (end < 0) return new Error('an opening [ has no closing ]');
      out += escape(layout.slice(i + 1, end)).replace(/\s+/g, '\\s+');
      i = end + 1;
      continue;
    }
    if (c === '(') {
      depth++;
      out += '(?:';
    } else if (c === ')') {
      if (--depth < 0) return new Error('a ) has no (');
      out += ')';
    } else if (c === '?' && layout[i - 1] === ')') out += '?';
    else if (c === '/') out += String.raw`\s*[/.-]\s*`;
    else if (c === ':') out += String.raw`\s*[:h]\s*`;
    else if (/\s/.test(c)) {
      while (/\s/.test(layout[i + 1] ?? '')) i++;
      out += GLUE;
    } else if (/[\p{L}\p{N}]/u.test(c)) return new Error(`"${c}" is not a token; put literal text in [brackets]`);
    else out += escape(c);
    i++;
  }
  if (depth !== 0) return new Error('a ( is not closed');
  return out;
}

function monthOf(name: string): number {
  const n = name.toLowerCase().replace(/\.$/, '').slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(n)) + 1;
}

function hourOf(g: Record<string, string | undefined>): number | null {
  if (g.hour12 === undefined) return g.hour === undefined ? 0 : Number(g.hour);
  const h = Number(g.hour12);
  // "14:30 PM": a 24-hour time with a needless meridiem.
  if (h > 12 && h <= 23) return h;
  if (h < 1 || h > 12) return null;
  const pm = /^(?:p|ch)/i.test(g.meridiem ?? '');
  return (h % 12) + (pm ? 12 : 0);
}

function read(g: Record<string, string | undefined>): DateParts | null {
  const month = g.monthName !== undefined ? monthOf(g.monthName) : Number(g.month);
  const hour = hourOf(g);
  if (hour === null || !(month >= 1)) return null;
  const offset = g.zone === undefined ? null : zoneOffset(g.zone);
  if (g.zone !== undefined && offset === null) return null;
  return {
    year: Number(g.year),
    month,
    day: Number(g.day),
    hour,
    minute: g.minute === undefined ? 0 : Number(g.minute),
    second: g.second === undefined ? 0 : Number(g.second),
    offset,
  };
}

/** Why a layout written by an operator cannot be used, or null when it can. */
export function layoutProblem(layout: string): string | null {
  const source = compileSource(layout);
  if (source instanceof Error) return source.message;
  if (!layout.includes('YYYY')) return 'needs a year (YYYY)';
  if (!/M/.test(layout.replace(/MMM+/, 'M'))) return 'needs a month (M, MM or MMM)';
  if (!/D/.test(layout)) return 'needs a day (D or DD)';
  if (/\bh/.test(layout) !== layout.includes('A')) return 'a 12-hour clock (h) and its meridiem (A) go together';
  return null;
}

const cache = new Map<string, CompiledLayout>();

/** Compile a layout (cached: profiles name the same few over and over). Throws on a bad one; config validation runs layoutProblem first. */
export function compileLayout(layout: string): CompiledLayout {
  let compiled = cache.get(layout);
  if (compiled) return compiled;
  const source = compileSource(layout);
  if (source instanceof Error) throw new RangeError(`date layout "${layout}": ${source.message}`);
  // Digits must not run on into the match: "118/01/2019" is no date.
  compiled = { layout, regex: new RegExp(`(?<![\\p{N}])${source}(?![\\p{N}])`, 'iu'), read };
  cache.set(layout, compiled);
  return compiled;
}

/**
 * Built-in layouts, most specific first: a layout with a time comes before
 * the same date without one, so the time is never left behind.
 */
export const BUILT_IN_LAYOUTS: readonly string[] = [
  // RFC 2822 / 1123 (feeds, HTTP, some meta tags): Mon, 18 Nov 2019 07:09:00 -0600
  'dddd, D MMM YYYY HH:mm(:ss)? Z',
  'D MMM YYYY HH:mm(:ss)? Z',
  // English: November 19, 2019 7:09 PM; Nov 19, 2019; 19 November 2019 19:09
  'MMMM D, YYYY h:mm(:ss)? A',
  'MMMM D, YYYY HH:mm(:ss)?',
  'MMMM D, YYYY',
  'MMMM D YYYY',
  'D MMMM, YYYY h:mm A',
  'D MMMM YYYY HH:mm(:ss)?',
  'D MMMM, YYYY',
  'D MMMM YYYY',
  // Vietnamese and numeric day-first: 18/01/2019 17:39, 18-01-2019 5:39 CH, 17:39 18/01/2019
  'D/M/YYYY h:mm(:ss)? A',
  'D/M/YYYY HH:mm(:ss)?',
  'h:mm(:ss)? A D/M/YYYY',
  'HH:mm(:ss)? D/M/YYYY',
  'HH:mm(:ss)? dddd D/M/YYYY',
  'D/M/YYYY',
  // Year first, as some CMSs print it: 2019/01/18 17:39
  'YYYY/M/D HH:mm(:ss)?',
  'YYYY/M/D',
  // In words: ngày 18 tháng 1 năm 2019, 18 tháng 1, 2019
  '[ngày] D [tháng] M [năm] YYYY HH:mm',
  '[ngày] D [tháng] M [năm] YYYY',
  'D [tháng] M[,] YYYY',
  'D [tháng] M [năm] YYYY',
];
