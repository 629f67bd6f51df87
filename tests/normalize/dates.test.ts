import { describe, expect, it } from 'vitest';
import { parseVnDate } from '../../src/normalize/index.js';
import { toVnIso } from '../../src/core/time.js';

const NOW = Date.parse('2026-11-25T12:00:00+07:00');
const iso = (text: string, now = NOW): string | null => {
  const ms = parseVnDate(text, { now });
  return ms === null ? null : toVnIso(ms);
};

describe('parseVnDate: forms printed by Vietnamese papers', () => {
  it.each([
    { name: 'Kinhtedothi older CMS dd-mm-yyyy HH:MM', input: '18-01-2019 17:39', want: '2019-01-18T17:39:00+07:00' },
    { name: 'weekday, (GMT+7) suffix', input: 'Thứ Sáu, 18/01/2019 17:39 (GMT+7)', want: '2019-01-18T17:39:00+07:00' },
    { name: 'weekday, dash before time', input: 'Thứ năm, 25/02/2021 - 15:52', want: '2021-02-25T15:52:00+07:00' },
    { name: 'pipe between date and time', input: '18/01/2019 | 17:39', want: '2019-01-18T17:39:00+07:00' },
    { name: 'time before date (newer CMS)', input: '17:39 18/01/2019', want: '2019-01-18T17:39:00+07:00' },
    { name: 'GMT+7 without parentheses', input: '05/10/2026 15:42 GMT+7', want: '2026-10-05T15:42:00+07:00' },
    { name: 'Cập nhật prefix', input: 'Cập nhật: 18/01/2019 17:39', want: '2019-01-18T17:39:00+07:00' },
    { name: 'Cập nhật with weekday', input: 'Cập nhật: Thứ Sáu, 18/01/2019 - 17:39', want: '2019-01-18T17:39:00+07:00' },
    { name: 'single-digit day and month', input: '8/1/2019 7:05', want: '2019-01-08T07:05:00+07:00' },
    { name: 'hour written with h', input: '18/01/2019 17h39', want: '2019-01-18T17:39:00+07:00' },
    { name: 'seconds kept', input: '18-01-2019 17:39:42', want: '2019-01-18T17:39:42+07:00' },
    { name: 'date only is midnight in Hanoi', input: '18/01/2019', want: '2019-01-18T00:00:00+07:00' },
    { name: 'dotted date', input: '18.01.2019 17:39', want: '2019-01-18T17:39:00+07:00' },
    { name: 'weekday word after time', input: '17:39, Thứ Sáu 18/01/2019', want: '2019-01-18T17:39:00+07:00' },
    { name: 'Vietnamese words', input: 'ngày 18 tháng 1 năm 2019', want: '2019-01-18T00:00:00+07:00' },
    { name: 'explicit other zone converted', input: '18/01/2019 10:39 GMT+0', want: '2019-01-18T17:39:00+07:00' },
    { name: 'NBSP and zero-width inside', input: '18-01-2019\u00A0\u200B17:39', want: '2019-01-18T17:39:00+07:00' },
  ])('$name: $input', ({ input, want }) => {
    expect(iso(input)).toBe(want);
  });
});

describe('parseVnDate: ISO 8601 from structured data', () => {
  it.each([
    { name: 'with +07:00', input: '2019-01-18T17:39:00+07:00', want: '2019-01-18T17:39:00+07:00' },
    { name: 'UTC Z', input: '2019-01-18T10:39:00Z', want: '2019-01-18T17:39:00+07:00' },
    { name: 'no offset means Hanoi time', input: '2019-01-18T17:39:00', want: '2019-01-18T17:39:00+07:00' },
    { name: 'no seconds', input: '2019-01-18T17:39+07:00', want: '2019-01-18T17:39:00+07:00' },
    { name: 'milliseconds, compact offset', input: '2019-01-18T17:39:00.250+0700', want: '2019-01-18T17:39:00+07:00' },
    { name: 'negative offset', input: '2019-01-18T05:39:00-05:00', want: '2019-01-18T17:39:00+07:00' },
    { name: 'space instead of T', input: '2019-01-18 17:39:00', want: '2019-01-18T17:39:00+07:00' },
    { name: 'date only', input: '2019-01-18', want: '2019-01-18T00:00:00+07:00' },
  ])('$name: $input', ({ input, want }) => {
    expect(iso(input)).toBe(want);
  });
});

describe('parseVnDate: rejected', () => {
  it.each([
    { name: '31 February', input: '31/02/2019 10:00' },
    { name: '29 February in a common year', input: '29-02-2019' },
    { name: 'month 13', input: '18/13/2019' },
    { name: 'hour 25', input: '18/01/2019 25:10' },
    { name: 'impossible ISO day', input: '2019-02-30T10:00:00+07:00' },
    { name: 'before 1990', input: '31/12/1989 23:59' },
    { name: 'more than 10 minutes in the future', input: '25/11/2026 12:11' },
    { name: 'ISO in the future', input: '2026-11-25T05:11:00Z' },
    { name: 'no date at all', input: 'Thứ Sáu' },
    { name: 'a fraction, not a date', input: '24/30 quận' },
    { name: 'empty', input: '' },
  ])('$name: $input', ({ input }) => {
    expect(parseVnDate(input, { now: NOW })).toBeNull();
  });

  it.each([
    { name: 'exactly now', input: '25/11/2026 12:00', want: '2026-11-25T12:00:00+07:00' },
    { name: '10 minutes ahead is clock skew, kept', input: '25/11/2026 12:10', want: '2026-11-25T12:10:00+07:00' },
    { name: 'the first day of 1990', input: '01/01/1990 00:00', want: '1990-01-01T00:00:00+07:00' },
    { name: '29 February in a leap year', input: '29/02/2024', want: '2024-02-29T00:00:00+07:00' },
  ])('boundary kept: $name', ({ input, want }) => {
    expect(iso(input)).toBe(want);
  });
});
