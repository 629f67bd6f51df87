import { describe, expect, it } from 'vitest';
import { normalizeBody } from '../../src/normalize/index.js';

const PAGE = 'https://kinhtedothi.vn/thoi-su/bai-viet-123.html';
const body = (html: string): { html: string; text: string } => normalizeBody(html, PAGE);

describe('normalizeBody: the semantic markup of news text is kept', () => {
  it.each([
    { name: 'deleted and inserted text, with their attributes dropped', input: '<p>Giá <del cite="javascript:x" datetime="2019">10</del> <ins datetime="2019">12</ins> triệu</p>', want: '<p>Giá <del>10</del> <ins>12</ins> triệu</p>' },
    { name: 'strikethrough; the old <strike> becomes <s>', input: '<p><s>cũ</s> <strike>bỏ</strike></p>', want: '<p><s>cũ</s> <s>bỏ</s></p>' },
    { name: 'quotation and the cited work', input: '<p>Như <cite>Nhân Dân</cite> viết: <q cite="https://x.vn/">việc dễ làm trước</q></p>', want: '<p>Như <cite>Nhân Dân</cite> viết: <q>việc dễ làm trước</q></p>' },
    { name: 'abbreviation keeps its expansion', input: '<p><abbr title="Hội đồng  nhân dân" class="x" onclick="y()">HĐND</abbr> TP</p>', want: '<p><abbr title="Hội đồng nhân dân">HĐND</abbr> TP</p>' },
    { name: 'abbreviation without a title', input: '<p><abbr>UBND</abbr></p>', want: '<p><abbr>UBND</abbr></p>' },
    { name: 'small print and highlights', input: '<p><small>Ảnh minh họa</small> <mark>quan trọng</mark></p>', want: '<p><small>Ảnh minh họa</small> <mark>quan trọng</mark></p>' },
    { name: 'inline code; <tt> becomes <code>', input: '<p>Gõ <code>npm ci</code> hoặc <tt>make</tt></p>', want: '<p>Gõ <code>npm ci</code> hoặc <code>make</code></p>' },
    {
      name: 'definition list',
      input: '<dl class="facts"><dt>Dân số</dt><dd>8,4 triệu</dd><dt>Diện tích</dt><dd>3.359 km²</dd></dl>',
      want: '<dl><dt>Dân số</dt><dd>8,4 triệu</dd><dt>Diện tích</dt><dd>3.359 km²</dd></dl>',
    },
    { name: 'a dt or dd outside a list is a plain paragraph', input: '<dd>Một</dd><dt>Hai</dt>', want: '<p>Một</p>\n<p>Hai</p>' },
    { name: 'a list item outside a list is a plain paragraph', input: '<li>Một</li>', want: '<p>Một</p>' },
  ])('$name', ({ input, want }) => {
    expect(body(input).html).toBe(want);
  });

  it('writes the quotation marks of a <q> into the text, and keeps struck and small text readable', () => {
    const b = body('<p>Ông nói <q>sẽ làm</q>, giá <del>10</del> <ins>12</ins> triệu <small>(tạm tính)</small></p><dl><dt>Dân số</dt><dd>8,4 triệu</dd></dl>');
    expect(b.text).toBe('Ông nói “sẽ làm”, giá 10 12 triệu (tạm tính)\n\nDân số\n\n8,4 triệu');
  });

  it('keeps executable attributes off every new element', () => {
    const b = body('<p><mark onmouseover="alert(1)" style="x">a</mark><q onclick="alert(1)">b</q><code onfocus="alert(1)" tabindex="1">c</code></p><dl onclick="alert(1)"><dt style="x">d</dt></dl>');
    expect(b.html).toBe('<p><mark>a</mark><q>b</q><code>c</code></p>\n<dl><dt>d</dt></dl>');
  });
});

describe('normalizeBody: <pre> keeps its layout', () => {
  const code = 'function tong(a, b) {\n\treturn a  +  b;\n}\n\n  // hết';

  it('keeps spaces, tabs and blank lines verbatim in the HTML and the text', () => {
    const b = body(`<p>Mã:</p><pre class="x">${code}</pre><p>Sau   đó.</p>`);
    expect(b.html).toBe(`<p>Mã:</p>\n<pre>${code}</pre>\n<p>Sau đó.</p>`);
    expect(b.text).toBe(`Mã:\n\n${code}\n\nSau đó.`);
  });

  it('keeps <code> and emphasis inside it, and their whitespace too', () => {
    const b = body('<pre><code>x  =  1\n    <b>y</b>  = 2</code></pre>');
    expect(b.html).toBe('<pre><code>x  =  1\n    <b>y</b>  = 2</code></pre>');
    expect(b.text).toBe('x  =  1\n    y  = 2');
  });

  it('drops the newline a browser drops after <pre>, and writes one back for a text that starts with a blank line', () => {
    expect(body('<pre>\nmột\n  hai</pre>').html).toBe('<pre>một\n  hai</pre>');
    // A browser reads "\n\nx" after <pre> as "\nx": written back so that it reads the same again.
    expect(body('<pre>\n\nx</pre>').html).toBe('<pre>\n\nx</pre>');
    expect(body(body('<pre>\n\nx</pre>').html).html).toBe('<pre>\n\nx</pre>');
  });

  it('still repairs characters inside it (NFC, zero-width, CRLF)', () => {
    expect(body('<pre>Ha\u0300\u200B Nội\r\n  dòng 2</pre>').html).toBe('<pre>Hà Nội\n  dòng 2</pre>');
  });

  it('does not collapse whitespace outside <pre> as it does inside', () => {
    expect(body('<p><code>a    b</code></p>').html).toBe('<p><code>a b</code></p>');
  });
});

describe('normalizeBody: in-page links', () => {
  it('keeps a footnote link and gives its target a prefixed id', () => {
    const b = body('<p>Theo thống kê<a href="#note-1"><sup>1</sup></a>.</p><p id="note-1" class="fn">1. Số liệu của Cục Thống kê.</p>');
    expect(b.html).toBe('<p>Theo thống kê<a href="#bantin-note-1"><sup>1</sup></a>.</p>\n<p id="bantin-note-1">1. Số liệu của Cục Thống kê.</p>');
  });

  it("works with Word's footnotes: <a name> targets, underscores, links both ways", () => {
    const b = body('<p>Văn bản<a href="#_ftn1" name="_ftnref1">[1]</a></p><p><a href="#_ftnref1" name="_ftn1">[1]</a> Nghị quyết 18.</p>');
    expect(b.html).toBe(
      '<p>Văn bản<a href="#bantin-_ftn1" id="bantin-_ftnref1">[1]</a></p>\n<p><a href="#bantin-_ftnref1" id="bantin-_ftn1">[1]</a> Nghị quyết 18.</p>',
    );
  });

  it('moves the id of an empty anchor or an unwrapped box to the next element, and keeps a span that is a target', () => {
    expect(body('<a id="muc-1"></a><h2>Mục 1</h2><p><a href="#muc-1">Lên</a></p>').html).toBe('<h2 id="bantin-muc-1">Mục 1</h2>\n<p><a href="#bantin-muc-1">Lên</a></p>');
    expect(body('<div id="muc-2"><p>Một</p><p>Hai</p></div><p><a href="#muc-2">Lên</a></p>').html).toBe(
      '<p id="bantin-muc-2">Một</p>\n<p>Hai</p>\n<p><a href="#bantin-muc-2">Lên</a></p>',
    );
    expect(body('<p>Xem <span id="x1">đây</span>, <a href="#x1">lên</a></p>').html).toBe('<p>Xem <span id="bantin-x1">đây</span>, <a href="#bantin-x1">lên</a></p>');
  });

  it('gives an id only where a link of the body points, once, and unwraps links with no target', () => {
    const b = body('<p id="a">Một</p><p id="b">Hai</p><p id="b">Ba</p><p><a href="#b">b</a> <a href="#c">c</a> <a href="#">top</a></p>');
    expect(b.html).toBe('<p>Một</p>\n<p id="bantin-b">Hai</p>\n<p>Ba</p>\n<p><a href="#bantin-b">b</a> c top</p>');
  });

  it('drops an id whose only link was lost (a link nested in a link is text of the outer one)', () => {
    const html = body('<a href="/a.html">Xem <a id="x" href="#x">đây</a></a>').html;
    expect(html).toBe('<p><a href="https://kinhtedothi.vn/a.html" rel="noopener noreferrer">Xem đây</a></p>');
    expect(body(html).html).toBe(html);
  });

  it('refuses ids a URL or selector would need to escape, and never doubles the prefix', () => {
    expect(body('<p id="a b">x</p><p id="&quot;x">y</p><p><a href="#a b">1</a><a href="#%22x">2</a></p>').html).toBe('<p>x</p>\n<p>y</p>\n<p>12</p>');
    const once = body('<p id="n">x</p><p><a href="#n">n</a></p>').html;
    expect(body(once).html).toBe(once);
  });
});
