/**
 * The generated XSS vectors (xss/vectors.ts) through the body sanitizer, each
 * output parsed the way a browser parses it (parse5) and held to the
 * allowlist (xss/structure.ts), and sanitized a second time to the same
 * bytes. The browser itself runs them in xss-browser.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { normalizeBody } from '../../src/normalize/index.js';
import { structuralProblems } from './xss/structure.js';
import { xssVectors, type Vector } from './xss/vectors.js';

const PAGE = 'https://kinhtedothi.vn/thoi-su/bai-viet-123.html';
const vectors = xssVectors();
const families = new Map<string, Vector[]>();
for (const v of vectors) {
  const f = v.family.split('/')[0]!;
  families.set(f, [...(families.get(f) ?? []), v]);
}

describe('XSS vectors: the sanitized output, as a browser parses it, stays in the allowlist', () => {
  it('covers thousands of vectors in every family the issue names', () => {
    expect(vectors.length).toBeGreaterThan(10_000);
    expect([...families.keys()].sort()).toEqual(['broken', 'comments', 'formaction', 'iframe', 'mxss', 'namespace', 'raw text', 'srcdoc', 'tag×handler', 'url', 'xlink:href']);
  });

  it('flags the raw vectors themselves (the check is not vacuous)', () => {
    const flagged = [...families.values()].map((vs) => vs.filter((v) => structuralProblems(v.html).length > 0).length);
    // Every family has vectors the checker catches unsanitized; most of them, in fact.
    expect(flagged.every((n) => n > 0)).toBe(true);
    expect(flagged.reduce((a, b) => a + b, 0)).toBeGreaterThan(vectors.length * 0.9);
  });

  it.each([...families.keys()])('%s', (family) => {
    const problems: string[] = [];
    for (const v of families.get(family)!) {
      const html = normalizeBody(v.html, PAGE).html;
      for (const p of structuralProblems(html)) problems.push(`${v.family}: ${p}\n  in:  ${v.html}\n  out: ${html}`);
      const again = normalizeBody(html, PAGE).html;
      if (again !== html) problems.push(`${v.family}: not idempotent\n  out:   ${html}\n  again: ${again}`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('keeps what a safe vector carries: the words, and a real picture or player', () => {
    // The sanitizer is not simply emptying everything: text, images and allowed embeds survive the attack markup.
    const out = (html: string): string => normalizeBody(html, PAGE).html;
    expect(out('<p>Trước <img src="https://x.vn/a.jpg" onerror="__x(1)" alt="&quot;&gt;&lt;script&gt;"> sau</p>')).toBe(
      '<p>Trước <img src="https://x.vn/a.jpg" alt="&quot;&gt;&lt;script&gt;"> sau</p>',
    );
    expect(out('<iframe src="https://www.youtube.com/embed/abc" onload="__x(2)" srcdoc="<script>__x(3)</script>" sandbox="allow-top-navigation"></iframe>')).toBe(
      '<iframe src="https://www.youtube.com/embed/abc" sandbox="allow-scripts allow-same-origin allow-presentation"></iframe>',
    );
    expect(out('<noscript><p title="</noscript><img src=x onerror=__x(4)>">')).toBe('');
    expect(out('<svg><style><img src=x onerror=__x(5)></style></svg><p>Chữ</p>')).toBe('<p>Chữ</p>');
  });
});
