import { describe, expect, it } from 'vitest';
import { normalizeBody } from '../../src/normalize/index.js';

const PAGE = 'https://kinhtedothi.vn/thoi-su/bai-viet-123.html';
const body = (html: string): { html: string; text: string } => normalizeBody(html, PAGE);

describe('normalizeBody: the spaces between inline elements are words apart', () => {
  it.each([
    { name: 'spans at the top level', input: '<span>Hà</span> <span>Nội</span>', html: '<p>Hà Nội</p>', text: 'Hà Nội' },
    { name: 'spans in an unwrapped div', input: '<div><span>Hà</span> <span>Nội</span></div>', html: '<p>Hà Nội</p>', text: 'Hà Nội' },
    { name: 'a newline between spans', input: '<span>Kinh tế</span>\n<span>Đô thị</span>', html: '<p>Kinh tế Đô thị</p>', text: 'Kinh tế Đô thị' },
    { name: 'a non-breaking space between fonts', input: '<font>Thủ</font>&nbsp;<font>đô</font>', html: '<p>Thủ đô</p>', text: 'Thủ đô' },
    { name: 'between a link and a bold word', input: '<a href="/a.html">Xem</a> <b>thêm</b>', html: '<p><a href="https://kinhtedothi.vn/a.html" rel="noopener noreferrer">Xem</a> <b>thêm</b></p>', text: 'Xem thêm' },
    { name: 'CJK spans with a plain space', input: '<span>東京</span> <span>大阪</span>', html: '<p>東京 大阪</p>', text: '東京 大阪' },
    { name: 'CJK spans with an ideographic space, kept as one', input: '<span>東京</span>\u3000<span>大阪</span>', html: '<p>東京\u3000大阪</p>', text: '東京\u3000大阪' },
    { name: 'an ideographic space inside a paragraph', input: '<p>東京\u3000\u3000大阪</p>', html: '<p>東京\u3000大阪</p>', text: '東京\u3000大阪' },
  ])('$name', ({ input, html, text }) => {
    const b = body(input);
    expect(b.html).toBe(html);
    expect(b.text).toBe(text);
  });

  it('still drops the indentation between blocks and at the edges of a paragraph', () => {
    expect(body('\n  <p>  Một </p>\n  <p>Hai</p>  \n').html).toBe('<p>Một</p>\n<p>Hai</p>');
    expect(body('  <span>a</span> <p>b</p>').html).toBe('<p>a</p>\n<p>b</p>');
  });
});

describe('normalizeBody: adjacent blocks never run words together', () => {
  it.each([
    { name: 'divs in a list item', input: '<ul><li><div>Hà</div><div>Nội</div></li></ul>', html: '<ul><li>Hà<br>Nội</li></ul>', text: 'Hà\nNội' },
    { name: 'divs in a quote', input: '<blockquote><div>Một</div><div>Hai</div></blockquote>', html: '<blockquote>Một<br>Hai</blockquote>', text: 'Một\nHai' },
    { name: 'a div after text in a table cell', input: '<table><tr><td>Năm<div>2019</div></td><td>x</td></tr><tr><td>a</td><td>b</td></tr></table>', html: '<table><tr><td>Năm<br>2019</td><td>x</td></tr><tr><td>a</td><td>b</td></tr></table>', text: 'Năm\n2019 | x\n\na | b' },
    { name: 'cells of a one-row layout table', input: '<table><tr><td>Hà</td><td>Nội</td></tr></table>', html: '<p>Hà</p>\n<p>Nội</p>', text: 'Hà\n\nNội' },
    { name: 'paragraphs inside a bold run', input: '<b><p>Một</p><p>Hai</p></b>', html: '<p><b>Một<br>Hai</b></p>', text: 'Một\nHai' },
    { name: 'paragraphs inside a link', input: '<a href="/a.html"><div>Tiêu đề</div><div>Mô tả</div></a>', html: '<p><a href="https://kinhtedothi.vn/a.html" rel="noopener noreferrer">Tiêu đề<br>Mô tả</a></p>', text: 'Tiêu đề\nMô tả' },
    { name: 'a rule inside a list item', input: '<ul><li>Một<hr>Hai</li></ul>', html: '<ul><li>Một<hr>Hai</li></ul>', text: 'Một\n\nHai' },
    { name: 'CJK blocks', input: '<div>東京</div><div>大阪</div>', html: '<p>東京</p>\n<p>大阪</p>', text: '東京\n\n大阪' },
  ])('$name', ({ input, html, text }) => {
    const b = body(input);
    expect(b.html).toBe(html);
    expect(b.text).toBe(text);
  });

  it('adds no line break where a block already starts a line', () => {
    expect(body('<ul><li><div>Một</div><ul><li>Hai</li></ul><div>Ba</div></li></ul>').html).toBe('<ul><li>Một<ul><li>Hai</li></ul>Ba</li></ul>');
    expect(body('<blockquote><div><p>Một</p></div><div><p>Hai</p></div></blockquote>').html).toBe('<blockquote><p>Một</p><p>Hai</p></blockquote>');
  });
});
