/**
 * Dates: text as a page, a feed or structured data prints it → epoch ms.
 * ISO 8601 first (structured data), then a profile's own layouts, then the
 * built-in table (date-layouts.ts), then relative times (`2 giờ trước`).
 * A time with no zone is the source's zone (Asia/Ho_Chi_Minh unless the
 * source says otherwise).
 *
 * Parsing and plausibility are separate: `parseDateText` says what a text
 * means; `chooseDate` takes the first candidate that parses *and* is
 * plausible, so a placeholder (`0001-01-01`) falls through to the next.
 */
import { BUILT_IN_LAYOUTS, compileLayout, zoneOffset, type DateParts } from '../core/date-layouts.js';
import { normalizeText } from './text.js';

export const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh';
/** Nothing a news site publishes predates this; earlier values are placeholders or parse accidents. */
export const EARLIEST_MS = Date.UTC(1990, 0, 1) - 7 * 3600_000;
/** How far ahead of our clock a date may be (time zones, clock skew, embargoed stories published early). */
export const FUTURE_SLACK_MS = 24 * 3600_000;

export interface DateOptions {
  /** Epoch ms; dates more than FUTURE_SLACK_MS after it are implausible. */
  now: number;
  /** Epoch ms relative times (`2 giờ trước`) count back from; defaults to `now`. */
  fetchedAt?: number;
  /** IANA zone of times printed without one. */
  timezone?: string;
  /** A profile's own layouts, tried before the built-in ones. */
  layouts?: readonly string[];
}

export interface ParsedDate {
  ms: number;
  /** The layout that matched: `ISO 8601`, `relative`, or a layout string. */
  layout: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC that `timezone` has at the instant `utcMs`. */
function zoneOffsetAt(timezone: string, utcMs: number): number {
  if (timezone === DEFAULT_TIMEZONE) return 420; // no DST since 1975: skip Intl on the common path
  let format = zoneFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    zoneFormats.set(timezone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** Epoch ms of wall-clock parts, or null when any part is impossible (31/02, 25:00). */
function partsToMs(p: DateParts, timezone: string): number | null {
  const { year: y, month: mo, day: d, hour: h, minute: mi, second: s } = p;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  // Date.UTC rolls 31/02 over to 03/03; a changed day means the date does not exist.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  if (p.offset !== null) return wall - p.offset * 60_000;
  // The zone's offset at the wall time, corrected once for a DST change between the guess and the answer.
  const guess = wall - zoneOffsetAt(timezone, wall) * 60_000;
  return wall - zoneOffsetAt(timezone, guess) * 60_000;
}

function parseIso(text: string, timezone: string): number | null | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const offset = m[8] === undefined ? null : zoneOffset(m[8]);
  if (m[8] !== undefined && offset === null) return null;
  const ms = partsToMs({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0), offset }, timezone);
  return ms === null ? null : ms + Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
}

// A zone printed apart from the date: "18/01/2019 17:39 (GMT+7)".
const LOOSE_ZONE = /\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?/i;

function parseLayouts(text: string, layouts: readonly string[], timezone: string): ParsedDate | null {
  for (const layout of layouts) {
    const compiled = compileLayout(layout);
    const m = compiled.regex.exec(text);
    if (!m?.groups) continue;
    // The most specific layout that matches decides: an impossible part (25:10, 31/02) makes the text no date.
    const parts = compiled.read(m.groups);
    if (parts === null) return null;
    if (parts.offset === null) {
      const zone = LOOSE_ZONE.exec(text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length));
      // zoneOffset caps it at ±14 h: "GMT+99" is no zone.
      if (zone) parts.offset = zoneOffset(zone[0]);
    }
    const ms = partsToMs(parts, timezone);
    return ms === null ? null : { ms, layout };
  }
  return null;
}

const UNIT_MS: Record<string, number> = {
  giây: 1000, second: 1000, phút: 60_000, minute: 60_000, min: 60_000, giờ: 3600_000, tiếng: 3600_000, hour: 3600_000,
  ngày: 86_400_000, day: 86_400_000, tuần: 7 * 86_400_000, week: 7 * 86_400_000,
};
const RELATIVE = /(?<![\p{N}])(\d{1,3})\s*(giây|phút|giờ|tiếng|ngày|tuần|seconds?|minutes?|mins?|hours?|days?|weeks?)\s*(?:trước|ago)\b/iu;
const JUST_NOW = /^(?:vừa xong|vừa đăng|mới đây|just now)$/iu;

/** `2 giờ trước`, `5 minutes ago`: counted back from the fetch. Listings print these; months and years are too coarse to keep. */
function parseRelative(text: string, fetchedAt: number): number | null {
  if (JUST_NOW.test(text)) return fetchedAt;
  const m = RELATIVE.exec(text);
  if (!m) return null;
  const unit = m[2]!.toLowerCase().replace(/s$/, '');
  const ms = UNIT_MS[unit];
  return ms === undefined ? null : fetchedAt - Number(m[1]) * ms;
}

/** What a date text means, without judging whether it is plausible. Null: no date in it. */
export function parseDateText(raw: string, opts: DateOptions): ParsedDate | null {
  const text = normalizeText(raw);
  if (text === '') return null;
  const timezone = opts.timezone ?? DEFAULT_TIMEZONE;
  const iso = parseIso(text, timezone);
  if (iso !== undefined) return iso === null ? null : { ms: iso, layout: 'ISO 8601' };
  const printed = parseLayouts(text, [...(opts.layouts ?? []), ...BUILT_IN_LAYOUTS], timezone);
  if (printed) return printed;
  const relative = parseRelative(text, opts.fetchedAt ?? opts.now);
  return relative === null ? null : { ms: relative, layout: 'relative' };
}

/** Placeholders (`0001-01-01`, the epoch, anything before 1990) and dates over a day ahead of `now` are not dates. */
export function isPlausible(ms: number, now: number): boolean {
  return ms >= EARLIEST_MS && ms <= now + FUTURE_SLACK_MS;
}

/** Epoch ms of a date text when it parses and is plausible, else null. */
export function parseDate(text: string, opts: DateOptions): number | null {
  const parsed = parseDateText(text, opts);
  return parsed !== null && isPlausible(parsed.ms, opts.now) ? parsed.ms : null;
}

/** The first candidate that parses and is plausible; a bad one never hides a good one after it. */
export function chooseDate<T extends { value: string }>(candidates: readonly T[], opts: DateOptions): { ms: number; candidate: T } | null {
  for (const candidate of candidates) {
    const ms = parseDate(candidate.value, opts);
    if (ms !== null) return { ms, candidate };
  }
  return null;
}
