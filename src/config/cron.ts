/**
 * Cron expressions in config files. node-cron decides the syntax (what the
 * scheduler will run), but it takes some fields that cannot mean what they
 * say: a step wider than the field (`*\/61` in minutes fires only at :00) and
 * a range that runs backwards (`1-0`, read as every minute). Those are
 * refused here, naming the field, so a typo never becomes a schedule.
 */
import cron from 'node-cron';

interface Field {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIVE: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 0, max: 7, names: WEEKDAYS },
];
const SECOND: Field = { name: 'second', min: 0, max: 59 };

const INVALID = 'is not a valid cron expression';

/** A number, or a month or weekday name (jan = 1, sun = 0); null for what only node-cron reads (L, W, #). */
function valueOf(token: string, field: Field): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  const i = field.names?.indexOf(token.toLowerCase()) ?? -1;
  if (i === -1) return null;
  return field.name === 'month' ? i + 1 : i;
}

function partProblem(part: string, field: Field): string | null {
  const [base = '', step, ...rest] = part.split('/');
  if (rest.length > 0) return null;
  if (step !== undefined && /^\d+$/.test(step) && Number(step) > field.max - field.min) {
    return `${field.name} step ${step} is larger than the field's range ${field.min}-${field.max}`;
  }
  const range = /^([^-]+)-([^-]+)$/.exec(base);
  if (range) {
    const from = valueOf(range[1] ?? '', field);
    const to = valueOf(range[2] ?? '', field);
    if (from !== null && to !== null && from > to) return `${field.name} range ${range[1]}-${range[2]} runs backwards`;
  }
  return null;
}

/** Why `expression` is no schedule, as a phrase after the value (`is not a valid cron expression: …`); null when it is one. */
export function cronProblem(expression: string): string | null {
  if (!cron.validate(expression)) return INVALID;
  const trimmed = expression.trim();
  // Nicknames (@daily, @hourly…) are node-cron's own, always in range.
  if (trimmed.startsWith('@')) return null;
  const parts = trimmed.split(/\s+/);
  const fields = parts.length === 6 ? [SECOND, ...FIVE] : FIVE;
  for (const [i, text] of parts.entries()) {
    const field = fields[i];
    if (field === undefined) continue;
    for (const part of text.split(',')) {
      const problem = partProblem(part, field);
      if (problem !== null) return `${INVALID}: ${problem}`;
    }
  }
  return null;
}
