/**
 * When a source's cron fires next, computed from the expression and its
 * timezone at a given instant: the serve process answers "next fire"
 * without running a scheduler, and tests pass the instant instead of
 * reading the wall clock. Fields come from node-cron's own parser, so the
 * expression means here what it means to the scheduler.
 */
import cron from 'node-cron';

interface LocalParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
// A memo of immutable formatters (building one costs far more than using it), not state: results never depend on it.
const formats = new Map<string, Intl.DateTimeFormat>();

function localParts(ms: number, timezone: string): LocalParts {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timezone, format);
  }
  const parts = format.formatToParts(ms);
  const value = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return {
    year: value('year'),
    month: value('month'),
    day: value('day'),
    weekday: WEEKDAYS[parts.find((p) => p.type === 'weekday')?.value ?? 'Sun'] ?? 0,
    hour: value('hour'),
    minute: value('minute'),
    second: value('second'),
  };
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Plain days and `L` (last day of the month); rarer tokens never match here, so such a schedule reports no next fire. */
function dayMatches(values: (number | string)[], p: LocalParts): boolean {
  return values.some((v) => v === p.day || (v === 'L' && p.day === lastDayOfMonth(p.year, p.month)));
}

function weekdayMatches(values: (number | string)[], p: LocalParts): boolean {
  return values.some((v) => v === p.weekday || (v === 7 && p.weekday === 0));
}

const LOOKAHEAD_MS = 366 * 24 * 3600_000;

/** Epoch ms of the first fire strictly after `fromMs`, or null when none falls within a year. */
export function nextFire(expression: string, timezone: string, fromMs: number): number | null {
  const f = cron.parse(expression);
  let t = Math.floor(fromMs / 1000) * 1000 + 1000;
  const limit = fromMs + LOOKAHEAD_MS;
  while (t < limit) {
    const p = localParts(t, timezone);
    const secondsIntoDay = p.hour * 3600 + p.minute * 60 + p.second;
    if (!f.month.includes(p.month) || !dayMatches(f.dayOfMonth, p) || !weekdayMatches(f.dayOfWeek, p)) {
      t += (86_400 - secondsIntoDay) * 1000;
    } else if (!f.hour.includes(p.hour)) {
      t += (3600 - p.minute * 60 - p.second) * 1000;
    } else if (!f.minute.includes(p.minute)) {
      t += (60 - p.second) * 1000;
    } else if (!f.second.includes(p.second)) {
      t += 1000;
    } else {
      return t;
    }
  }
  return null;
}
