/**
 * Hostile and awkward pages a review found: each case failed before its fix.
 * Unclosed tags must not make the depth guard quadratic; what the copy made
 * for Readability strips must still be read by the finders; a consent class
 * on <body> must not take the page with it; a template body must go through
 * the depth guard; a gallery keeps its pictures; a lazy image's <noscript>
 * copy is found; "14:30 PM" is a time; the URL's bare day does not beat a
 * printed date and time.
 */
import { describe, expect, it } from 'vitest';
import { BantinError } from '../../src/core/errors.js';
import { capNesting } from '../../src/extract/guard.js';
import { parseDate, readArticle } from '../../src/normalize/index.js';

const NOW = Date.parse('2026-11-30T12:00:00+07:00');
const PROSE = Array.from({ length: 3 }, (_, i) => `<p>Đoạn ${i + 1}: các vựa sầu riêng, thanh long và bưởi ở Tiền Giang đang tất bật đóng hàng xuất khẩu phục vụ thị trường cuối năm.</p>`).join('');
const read = (html: string, url = 'https://bao.example.vn/a.html') =>
  readArticle({ body: Buffer.from(html), contentType: null, url }, { source: null, sourceId: 'bao', fetchedAt: NOW, now: NOW });

describe('what a review found', () => {
  // Not a speed target: a guard against a hang (the old pattern took seconds here, the fixed one milliseconds).
  it('cuts nesting in linear time even with thousands of unclosed tags', () => {
    const hostile = '<a '.repeat(100_000);
    const started = performance.now();
    capNesting(`<html><body>${hostile}`);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('reads breadcrumbs, dates and tags that sit in nav, aside and footer elements', () => {
    const a = read(`<html><head><title>Trái cây</title></head><body>
      <nav class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/kinh-te">Kinh tế</a></nav>
      <h1>Trái cây Tiền Giang vào mùa xuất khẩu</h1><aside class="post-date">Thứ Năm, 26/11/2026 - 10:20</aside>
      <article>${PROSE}</article>
      <footer class="entry-footer"><span class="tags-links"><a href="/tag/a">trái cây</a>, <a href="/tag/b">xuất khẩu</a></span></footer></body></html>`);
    expect(a.section?.name).toBe('Kinh tế');
    expect(a.publishedAt).toBe('2026-11-26T10:20:00+07:00');
    expect(a.tags.map((t) => t.name)).toEqual(['trái cây', 'xuất khẩu']);
  });

  it('keeps the page when <body> itself carries a cookie-consent class', () => {
    const a = read(`<html><head><title>Trái cây</title></head><body class="home cookies-not-set"><h1>Trái cây</h1><article>${PROSE}</article></body></html>`);
    expect(a.contentText).toContain('Đoạn 3');
  });

  it('puts a template body through the depth guard', () => {
    const deep = `${'<div>'.repeat(5_000)}${PROSE}${'</div>'.repeat(5_000)}`;
    let outcome: string;
    try {
      outcome = read(`<html><head><title>Bài</title></head><body><h1>Bài</h1><div itemprop="articleBody"><script type="text/template">${deep}</script></div></body></html>`).contentText.includes('Đoạn 3') ? 'article' : 'no text';
    } catch (error) {
      outcome = error instanceof BantinError ? error.kind : 'crash';
    }
    expect(outcome).toBe('article');
  });

  it('keeps the pictures of a gallery inside a generic body', () => {
    const a = read(`<html><head><title>Bài</title></head><body><h1>Bài</h1><div itemprop="articleBody">${PROSE}
      <div class="gallery"><figure><img src="/a.jpg"><figcaption>Vựa trái cây</figcaption></figure><figure><img src="/b.jpg"><figcaption>Xe container</figcaption></figure></div></div></body></html>`);
    expect(a.images.map((i) => i.url)).toEqual(['https://bao.example.vn/a.jpg', 'https://bao.example.vn/b.jpg']);
  });

  it("finds a lazy image's real picture in its <noscript>", () => {
    const a = read(`<html><head><title>Bài</title></head><body><h1>Bài</h1><article>${PROSE}
      <p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" class="lazy"><noscript><img src="/that.jpg"></noscript></p>${PROSE.replaceAll('Đoạn', 'Phần')}</article></body></html>`);
    expect(a.images.map((i) => i.url)).toContain('https://bao.example.vn/that.jpg');
  });

  it('reads a 24-hour time with a needless meridiem', () => {
    expect(parseDate('22/05/2023 14:30 PM', { now: NOW })).toBe(Date.parse('2023-05-22T14:30:00+07:00'));
  });

  it("prefers a printed date and time to the URL's bare day", () => {
    const a = read(`<html><head><title>Bài</title></head><body><h1>Bài</h1><div class="ngay-dang">26/11/2026 - 10:20</div><article>${PROSE}</article></body></html>`, 'https://bao.example.vn/2026/11/26/bai/');
    expect(a.publishedAt).toBe('2026-11-26T10:20:00+07:00');
  });
});
