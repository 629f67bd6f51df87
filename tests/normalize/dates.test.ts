import { describe, expect, it } from 'vitest';
import { chooseDate, layoutProblem, parseDate, parseDateText } from '../../src/normalize/index.js';
import { toVnIso } from '../../src/core/time.js';

const NOW = Date.parse('2026-11-25T12:00:00+07:00');
const iso = (text: string, now = NOW): string | null => {
  const ms = parseDate(text, { now });
  return ms === null ? null : toVnIso(ms);
};

describe('parseDate: forms printed by Vietnamese papers', () => {
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

describe('parseDate: ISO 8601 from structured data', () => {
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

describe('parseDate: rejected', () => {
  it.each([
    { name: '31 February', input: '31/02/2019 10:00' },
    { name: '29 February in a common year', input: '29-02-2019' },
    { name: 'month 13', input: '18/13/2019' },
    { name: 'hour 25', input: '18/01/2019 25:10' },
    { name: 'impossible ISO day', input: '2019-02-30T10:00:00+07:00' },
    { name: 'before 1990', input: '31/12/1989 23:59' },
    { name: 'more than a day in the future', input: '26/11/2026 12:01' },
    { name: 'ISO more than a day in the future', input: '2026-11-26T05:01:00Z' },
    { name: 'no date at all', input: 'Thứ Sáu' },
    { name: 'a fraction, not a date', input: '24/30 quận' },
    { name: 'empty', input: '' },
  ])('$name: $input', ({ input }) => {
    expect(parseDate(input, { now: NOW })).toBeNull();
  });

  it.each([
    { name: 'exactly now', input: '25/11/2026 12:00', want: '2026-11-25T12:00:00+07:00' },
    { name: '10 minutes ahead is clock skew, kept', input: '25/11/2026 12:10', want: '2026-11-25T12:10:00+07:00' },
    { name: 'a day ahead (zones, embargoes) is kept', input: '26/11/2026 12:00', want: '2026-11-26T12:00:00+07:00' },
    { name: 'the first day of 1990', input: '01/01/1990 00:00', want: '1990-01-01T00:00:00+07:00' },
    { name: '29 February in a leap year', input: '29/02/2024', want: '2024-02-29T00:00:00+07:00' },
  ])('boundary kept: $name', ({ input, want }) => {
    expect(iso(input)).toBe(want);
  });
});

describe('parseDate: the rest of the layout table', () => {
  it.each([
    { name: 'RFC 2822 with a numeric offset', input: 'Mon, 18 Nov 2019 07:09:00 -0600', want: '2019-11-18T20:09:00+07:00' },
    { name: 'RFC 1123 with a zone name', input: 'Tue, 19 Nov 2019 12:00:00 GMT', want: '2019-11-19T19:00:00+07:00' },
    { name: 'RFC 2822 with a US zone name', input: 'Tue, 19 Nov 2019 07:00:00 EST', want: '2019-11-19T19:00:00+07:00' },
    { name: 'English long month', input: 'November 19, 2019', want: '2019-11-19T00:00:00+07:00' },
    { name: 'English short month with a 12-hour clock', input: 'Nov. 19, 2019 at 7:09 p.m.', want: '2019-11-19T19:09:00+07:00' },
    { name: 'day first, English month, ordinal', input: 'Updated 19th November 2019 19:09', want: '2019-11-19T19:09:00+07:00' },
    { name: '12 AM is midnight', input: 'November 19, 2019 12:05 AM', want: '2019-11-19T00:05:00+07:00' },
    { name: 'Vietnamese CH (chiều) is PM', input: '18/01/2019 5:39 CH', want: '2019-01-18T17:39:00+07:00' },
    { name: 'Vietnamese SA (sáng) is AM', input: '18/01/2019 9:05 SA', want: '2019-01-18T09:05:00+07:00' },
    { name: 'year first with time', input: '2019/01/18 17:39', want: '2019-01-18T17:39:00+07:00' },
    { name: 'ISO without seconds or offset', input: '2019-11-18T07:09', want: '2019-11-18T07:09:00+07:00' },
    { name: 'Vietnamese words with a comma', input: '18 tháng 1, 2019', want: '2019-01-18T00:00:00+07:00' },
  ])('$name: $input', ({ input, want }) => {
    expect(iso(input)).toBe(want);
  });

  it('reads relative Vietnamese and English times against the fetch time', () => {
    const fetchedAt = Date.parse('2026-11-25T09:30:00+07:00');
    const at = (text: string): string | null => {
      const ms = parseDate(text, { now: NOW, fetchedAt });
      return ms === null ? null : toVnIso(ms);
    };
    expect(at('2 giờ trước')).toBe('2026-11-25T07:30:00+07:00');
    expect(at('45 phút trước')).toBe('2026-11-25T08:45:00+07:00');
    expect(at('3 ngày trước')).toBe('2026-11-22T09:30:00+07:00');
    expect(at('5 minutes ago')).toBe('2026-11-25T09:25:00+07:00');
    expect(at('Vừa xong')).toBe('2026-11-25T09:30:00+07:00');
  });

  it('places a time without a zone in the source time zone', () => {
    const ny = parseDate('2019-07-01 10:00', { now: NOW, timezone: 'America/New_York' });
    expect(ny === null ? null : new Date(ny).toISOString()).toBe('2019-07-01T14:00:00.000Z');
    const winter = parseDate('18/01/2019 10:00', { now: NOW, timezone: 'America/New_York' });
    expect(winter === null ? null : new Date(winter).toISOString()).toBe('2019-01-18T15:00:00.000Z');
  });

  it('tries a profile layout before the built-in ones', () => {
    // Month first, as a US-style CMS prints it: the built-in table would read it day first.
    expect(toVnIso(parseDate('01/02/2019 08:00', { now: NOW, layouts: ['MM/DD/YYYY HH:mm'] }) ?? 0)).toBe('2019-01-02T08:00:00+07:00');
    expect(toVnIso(parseDate('01/02/2019 08:00', { now: NOW }) ?? 0)).toBe('2019-02-01T08:00:00+07:00');
    expect(parseDateText('Đăng lúc 08g15 ngày 01.02.2019', { now: NOW, layouts: ['HH[g]mm [ngày] DD/MM/YYYY'] })).toEqual({
      ms: Date.parse('2019-02-01T08:15:00+07:00'),
      layout: 'HH[g]mm [ngày] DD/MM/YYYY',
    });
  });

  it.each(['0001-01-01T00:00:00Z', '1970-01-01T00:00:00Z', '1900-01-01', '0000-00-00 00:00:00'])('a placeholder is no date: %s', (input) => {
    expect(parseDate(input, { now: NOW })).toBeNull();
  });
});

describe('layoutProblem: layouts written by operators', () => {
  it.each([
    { layout: 'DD/MM/YYYY HH:mm', problem: null },
    { layout: 'MM/DD/YYYY', problem: null },
    { layout: 'DD/MM', problem: 'needs a year (YYYY)' },
    { layout: 'YYYY HH:mm', problem: 'needs a month (M, MM or MMM)' },
    { layout: 'DD/MM/YYYY x', problem: '"x" is not a token; put literal text in [brackets]' },
    { layout: 'DD/MM/YYYY (HH:mm', problem: 'a ( is not closed' },
    { layout: 'DD/MM/YYYY h:mm', problem: 'a 12-hour clock (h) and its meridiem (A) go together' },
  ])('$layout', ({ layout, problem }) => {
    expect(layoutProblem(layout)).toBe(problem);
  });
});

describe('chooseDate: the first plausible candidate', () => {
  it('lets a placeholder or garbage fall through to the next candidate', () => {
    const chosen = chooseDate(
      [
        { value: '0001-01-01T00:00:00Z', from: 'jsonld' },
        { value: 'không rõ', from: 'meta' },
        { value: '2099-01-01T00:00:00+07:00', from: 'microdata' },
        { value: '18/01/2019 17:39', from: 'time' },
        { value: '2019-01-01', from: 'url' },
      ],
      { now: NOW },
    );
    expect(chosen?.candidate.from).toBe('time');
    expect(toVnIso(chosen?.ms ?? 0)).toBe('2019-01-18T17:39:00+07:00');
  });

  it('is null when no candidate is usable', () => {
    expect(chooseDate([{ value: '0001-01-01' }, { value: '' }], { now: NOW })).toBeNull();
  });
});
