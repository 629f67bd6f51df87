/**
 * Extract's whole-document queries compile each selector once (src/extract/dom.ts `query`, css-select): they
 * must find what cheerio finds, in the same order, for plain CSS and for cheerio's own pseudo-classes, which
 * go to cheerio; and a selector cheerio refuses is refused the same way, every time it is asked.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml, query, type Doc } from '../../src/extract/dom.js';
import { ROOT } from '../support/config-copy.js';

const PAGES = ['kinhtedothi-new-seed.html', 'kinhtedothi-amp-seed.html', 'dantri-opengraph.html'].map((f) => parseHtml(readFileSync(path.join(ROOT, 'tests/fixtures/pages', f), 'utf8')));
const SELECTORS = [
  'meta',
  '[itemprop]',
  '[itemprop~="articleBody"]',
  'body [id], body [class]',
  'link[rel="canonical"]',
  'h1, title',
  'div p > a',
  'div > p',
  'A[HREF]',
  'p:first',
  'p:eq(2)',
  'a:last',
  'p:contains("Hà Nội")',
  'p:not(:has(img))',
];

const same = (doc: Doc, selector: string): boolean => {
  const theirs = doc(selector).toArray();
  const ours = query(doc, selector).toArray();
  return theirs.length === ours.length && theirs.every((el, i) => el === ours[i]);
};

describe('whole-document queries', () => {
  it('find what cheerio finds, in document order, also for its own pseudo-classes and asked twice', () => {
    for (const doc of PAGES) {
      for (const selector of SELECTORS) {
        expect(same(doc, selector), selector).toBe(true);
        expect(same(doc, selector), `${selector}, compiled already`).toBe(true);
      }
    }
    // Not vacuous: the pages have what the selectors look for.
    const seed = PAGES[0] as Doc;
    for (const selector of ['meta', '[itemprop]', 'div > p', 'p:eq(2)', 'p:contains("Hà Nội")']) expect(query(seed, selector).length, selector).toBeGreaterThan(0);
    expect(query(seed, 'p:first').length).toBe(1);
  });

  it('refuse a selector cheerio refuses, each time', () => {
    const doc = PAGES[0] as Doc;
    expect(() => doc('p[')).toThrow();
    expect(() => query(doc, 'p[')).toThrow();
    expect(() => query(doc, 'p[')).toThrow();
  });
});
