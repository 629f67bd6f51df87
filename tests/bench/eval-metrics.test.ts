/**
 * The scoring rules of eval:generic, on inputs small enough to work out by
 * hand, so a change to the metric cannot quietly move the published figures.
 */
import { describe, expect, it } from 'vitest';
import {
  bodyScores,
  countSnippets,
  dateHit,
  dateOutcome,
  dayWindow,
  exactMatch,
  precisionScore,
  pyNorm,
  reasonGroup,
  recallScore,
  shingleMatch,
  shingles,
  snippetScores,
  wordTokens,
} from '../../bench/eval/metrics.js';

const TEXT = 'The quick brown fox jumps over the lazy dog near the river bank today';

describe('body shingles (article-extraction-benchmark evaluate.py)', () => {
  it('tokenizes like Python \\w+: unicode letters, digits and underscore, case kept', () => {
    expect(wordTokens('Hà Nội, 2024: snake_case — Ünïcode! ')).toEqual(['Hà', 'Nội', '2024', 'snake_case', 'Ünïcode']);
    expect(wordTokens('')).toEqual([]);
  });

  it('makes 4-gram shingles with counts; a short text is one shorter shingle; empty has none', () => {
    expect([...shingles('a b c d e').entries()]).toEqual([
      ['a b c d', 1],
      ['b c d e', 1],
    ]);
    expect([...shingles('a b c d a b c d').entries()]).toContainEqual(['a b c d', 2]);
    expect([...shingles('only two').entries()]).toEqual([['only two', 1]]);
    expect(shingles('  ').size).toBe(0);
  });

  it('identical texts score 1, disjoint texts 0', () => {
    expect(bodyScores([shingleMatch(TEXT, TEXT)])).toEqual({ f1: 1, precision: 1, recall: 1 });
    const disjoint = shingleMatch(TEXT, 'one two three four five six seven');
    expect(disjoint.tp).toBe(0);
    expect(bodyScores([disjoint])).toEqual({ f1: 0, precision: 0, recall: 0 });
  });

  it('normalizes each page by its tp + fp + fn, so a long page weighs as much as a short one', () => {
    // 11 shingles expected, 11 predicted, 8 shared (the prediction drops the first 3 words and adds 3).
    const long = shingleMatch(TEXT, 'fox jumps over the lazy dog near the river bank today and then some');
    expect(long.tp + long.fp + long.fn).toBeCloseTo(1);
    expect(long.tp).toBeCloseTo(8 / 14);
    expect(precisionScore(long)).toBeCloseTo(8 / 11);
    expect(recallScore(long)).toBeCloseTo(8 / 11);
    const short = shingleMatch('a b c d', 'a b c d');
    const s = bodyScores([long, short]);
    expect(s.precision).toBeCloseTo((8 / 11 + 1) / 2);
    expect(s.recall).toBeCloseTo((8 / 11 + 1) / 2);
    // F1 is of the two means, not a mean of page F1s.
    expect(s.f1).toBeCloseTo((2 * s.precision * s.recall) / (s.precision + s.recall));
  });

  it('a refused page (empty prediction) costs recall but is left out of precision', () => {
    const refused = shingleMatch(TEXT, '');
    expect(refused).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(recallScore(refused)).toBe(0);
    const s = bodyScores([shingleMatch(TEXT, TEXT), refused]);
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(0.5);
    expect(s.f1).toBeCloseTo(2 / 3);
  });

  it('keeps the special cases: fp = fn = 0 is 1; tp = fp = 0 is precision 0; a page with nothing either side counts nowhere', () => {
    expect(precisionScore({ tp: 0, fp: 0, fn: 0 })).toBe(1);
    expect(recallScore({ tp: 0, fp: 0, fn: 0 })).toBe(1);
    expect(precisionScore({ tp: 0, fp: 0, fn: 1 })).toBe(0);
    expect(recallScore({ tp: 0, fp: 1, fn: 0 })).toBe(0);
    const nothing = shingleMatch('', '');
    expect(bodyScores([shingleMatch(TEXT, TEXT), nothing])).toEqual({ f1: 1, precision: 1, recall: 1 });
    // Text where none was expected: precision 0, and no recall term.
    expect(bodyScores([shingleMatch(TEXT, TEXT), shingleMatch('', TEXT)])).toMatchObject({ precision: 0.5, recall: 1 });
  });

  it('exact match compares token lists, ignoring punctuation and spacing', () => {
    expect(exactMatch('Hello,  world!', 'Hello world')).toBe(true);
    expect(exactMatch('Hello world', 'hello world')).toBe(false);
  });
});

describe('snippets (trafilatura tests/eval_common.py)', () => {
  const item = { with: ['main  text', 'second\u00a0part'], without: ['Impressum', 'Cookie'] };

  it('normalizes whitespace as Python does, case kept', () => {
    expect(pyNorm('  a\n\t b\u00a0c\u3000 ')).toBe('a b c');
    // U+FEFF is JS whitespace, not Python's.
    expect(pyNorm('\ufeffa')).toBe('\ufeffa');
  });

  it('counts with-snippets found as tp, missing as fn; without-snippets found as fp, absent as tn', () => {
    expect(countSnippets(item, 'The main text.\n\nThe second part. Impressum')).toEqual({ tp: 2, fp: 1, fn: 0, tn: 1 });
    expect(countSnippets(item, 'the MAIN TEXT')).toEqual({ tp: 0, fp: 0, fn: 2, tn: 2 });
    expect(countSnippets(item, null)).toEqual({ tp: 0, fp: 0, fn: 2, tn: 2 });
  });

  it('scores over all snippets, 0 on an empty denominator', () => {
    expect(snippetScores({ tp: 3, fp: 1, fn: 1, tn: 5 })).toEqual({ precision: 0.75, recall: 0.75, accuracy: 0.8, f1: 0.75 });
    expect(snippetScores({ tp: 0, fp: 0, fn: 0, tn: 0 })).toEqual({ precision: 0, recall: 0, accuracy: 0, f1: 0 });
  });
});

describe('publication day (htmldate)', () => {
  it('spans the day from 00:00 at +14:00 to 24:00 at −12:00', () => {
    const { start, end } = dayWindow('2020-01-13');
    expect(new Date(start).toISOString()).toBe('2020-01-12T10:00:00.000Z');
    expect(new Date(end).toISOString()).toBe('2020-01-14T12:00:00.000Z');
    expect(() => dayWindow('13/01/2020')).toThrow();
  });

  it('hits an instant that is on that day in some offset, and nothing outside', () => {
    expect(dateHit('2020-01-13T08:00:00+07:00', '2020-01-13')).toBe(true);
    expect(dateHit('2020-01-14T06:00:00+07:00', '2020-01-13')).toBe(true); // 13th 23:00 UTC
    expect(dateHit('2020-01-12T10:00:00Z', '2020-01-13')).toBe(true); // 00:00 at +14:00
    expect(dateHit('2020-01-12T09:59:59Z', '2020-01-13')).toBe(false);
    expect(dateHit('2020-01-14T11:59:59Z', '2020-01-13')).toBe(true); // 23:59:59 at −12:00
    expect(dateHit('2020-01-14T12:00:00Z', '2020-01-13')).toBe(false);
    expect(dateHit('2020-01-15T01:00:00+07:00', '2020-01-13')).toBe(false);
  });

  it('classifies a page as hit, wrong, no date or refused', () => {
    expect(dateOutcome('2020-01-13', { refused: false, publishedAt: '2020-01-13T08:00:00+07:00' })).toBe('hit');
    expect(dateOutcome('2020-01-13', { refused: false, publishedAt: '2019-01-13T08:00:00+07:00' })).toBe('wrong');
    expect(dateOutcome('2020-01-13', { refused: false, publishedAt: null })).toBe('no-date');
    expect(dateOutcome('2020-01-13', { refused: true, publishedAt: null })).toBe('refused');
    // The corpus says there is no date: finding none is right, any date is wrong.
    expect(dateOutcome(null, { refused: false, publishedAt: null })).toBe('hit');
    expect(dateOutcome(null, { refused: false, publishedAt: '2020-01-13T08:00:00+07:00' })).toBe('wrong');
  });
});

describe('refusal reason groups', () => {
  it('groups by the text before any quote or digit', () => {
    expect(reasonGroup('listing page: 41 links make up 55% of the text')).toBe('listing page');
    expect(reasonGroup('no body text of substance (120 characters of paragraphs)')).toBe('no body text of substance');
    expect(reasonGroup('unusable published date "November 19, 2019, 07:47 PM EST"')).toBe('unusable published date');
    expect(reasonGroup('404 page ("Not found | Not found")')).toBe('404 page');
    expect(reasonGroup('no published date')).toBe('no published date');
  });
});
