/**
 * Dates as Vietnamese pages print them, and ISO strings from structured
 * data. A time without a zone is Vietnam time (UTC+07:00, no DST since 1975).
 */
import { normalizeText } from './text.js';

const VN_OFFSET_MIN = 7 * 60;
/** Nothing a news site publishes predates this; earlier values are parse accidents. */
export const EARLIEST_MS = Date.UTC(1990, 0, 1) - VN_OFFSET_MIN * 60_000;
/** Clock skew between the site and us that we tolerate before calling a date "in the future". */
export const FUTURE_SLACK_MS = 10 * 60_000;

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const ISO_DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// d/m/yyyy with /, - or . (the year is what makes it a date, not a fraction like 24/30).
const DMY = /(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)/;
// 2019/01/18 (year first, as some CMSs print it)
const YMD = /(?<!\d)(\d{4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})(?!\d)/;
// "ngày 18 tháng 1 năm 2019"
const DMY_WORDS = /(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,|năm)\s*(\d{4})(?!\d)/iu;
// 17:39, 17:39:05, 17h39
const TIME = /(?<![\d:])(\d{1,2})\s*[:h]\s*(\d{2})(?::(\d{2}))?(?![\d:])/i;
// GMT+7, UTC+07:00, (GMT+7)
const ZONE = /\b(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?/i;

function zoneMinutes(z: string | undefined): number | null {
  if (z === undefined) return null;
  if (z.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (!m) return null;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -mins : mins;
}

/** Epoch ms of a wall-clock time at an offset, or null when any part is impossible (31/02, 25:00). */
function wallToMs(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMin: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  // Date.UTC rolls 31/02 over to 03/03; a changed day means the date does not exist.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return utc - offsetMin * 60_000;
}

function parseIso(text: string): number | null | undefined {
  const m = ISO.exec(text);
  if (m) {
    const offset = m[8] === undefined ? VN_OFFSET_MIN : zoneMinutes(m[8]);
    if (offset === null) return null;
    const ms = wallToMs(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), offset);
    return ms === null ? null : ms + Number(`0.${m[7] ?? '0'}`.slice(0, 5)) * 1000;
  }
  const d = ISO_DATE_ONLY.exec(text);
  if (d) return wallToMs(+d[1]!, +d[2]!, +d[3]!, 0, 0, 0, VN_OFFSET_MIN);
  return undefined; // not ISO: try the printed forms
}

function parsePrinted(text: string): number | null {
  const ymd = YMD.exec(text);
  const dmy = ymd ? null : (DMY.exec(text) ?? DMY_WORDS.exec(text));
  const date = ymd ?? dmy;
  if (!date) return null;
  const [y, mo, d] = ymd ? [+ymd[1]!, +ymd[2]!, +ymd[3]!] : [+dmy![3]!, +dmy![2]!, +dmy![1]!];
  // Look for the time only outside the date, so "18-01-2019" never reads as a time.
  let rest = text.slice(0, date.index) + ' ' + text.slice(date.index + date[0].length);
  const zone = ZONE.exec(rest);
  if (zone) rest = rest.slice(0, zone.index) + ' ' + rest.slice(zone.index + zone[0].length);
  const time = TIME.exec(rest);
  let offset = VN_OFFSET_MIN;
  if (zone) {
    offset = (Number(zone[2]) * 60 + Number(zone[3] ?? 0)) * (zone[1] === '-' ? -1 : 1);
  }
  return wallToMs(y, mo, d, time ? +time[1]! : 0, time ? +time[2]! : 0, time ? +(time[3] ?? 0) : 0, offset);
}

/**
 * Epoch ms of a date as printed (`18-01-2019 17:39`, `Thứ Sáu, 18/01/2019 17:39 (GMT+7)`,
 * `17:39 18/01/2019`, `Cập nhật: ...`) or ISO 8601. Null when there is no date,
 * it is impossible, before 1990, or more than 10 minutes after `now`.
 */
export function parseVnDate(text: string, opts: { now: number }): number | null {
  const t = normalizeText(text);
  if (t === '') return null;
  const iso = parseIso(t);
  const ms = iso === undefined ? parsePrinted(t) : iso;
  if (ms === null || Number.isNaN(ms)) return null;
  if (ms < EARLIEST_MS || ms > opts.now + FUTURE_SLACK_MS) return null;
  return ms;
}
