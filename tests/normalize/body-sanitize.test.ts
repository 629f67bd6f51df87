import { describe, expect, it } from 'vitest';
import { normalizeBody } from '../../src/normalize/index.js';

const PAGE = 'https://kinhtedothi.vn/thoi-su/bai-viet-123.html';
const html = (body: string): string => normalizeBody(body, PAGE).html;

describe('normalizeBody: allowlisted markup passes through', () => {
  it.each([
    { name: 'paragraphs', input: '<p>Một</p><p>Hai</p>', want: '<p>Một</p>\n<p>Hai</p>' },
    { name: 'inline emphasis', input: '<p><strong>a</strong> <em>b</em> <b>c</b> <i>d</i> <u>e</u> x<sub>2</sub> m<sup>3</sup></p>', want: '<p><strong>a</strong> <em>b</em> <b>c</b> <i>d</i> <u>e</u> x<sub>2</sub> m<sup>3</sup></p>' },
    { name: 'headings; h1 demoted to h2', input: '<h1>A</h1><h3>B</h3><h6>C</h6>', want: '<h2>A</h2>\n<h3>B</h3>\n<h6>C</h6>' },
    { name: 'lists', input: '<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>', want: '<ul><li>a</li><li>b</li></ul>\n<ol><li>c</li></ol>' },
    { name: 'blockquote, hr, br', input: '<blockquote><p>Trích dẫn</p></blockquote><hr><p>a<br>b</p>', want: '<blockquote><p>Trích dẫn</p></blockquote>\n<hr>\n<p>a<br>b</p>' },
    {
      name: 'real data table kept with spans',
      input: '<table><thead><tr><th>Năm</th><th colspan="2">Doanh thu</th></tr></thead><tbody><tr><td>2018</td><td rowspan="x">10</td><td>11</td></tr></tbody></table>',
      want: '<table><thead><tr><th>Năm</th><th colspan="2">Doanh thu</th></tr></thead><tbody><tr><td>2018</td><td>10</td><td>11</td></tr></tbody></table>',
    },
    { name: 'single-column layout table unwrapped', input: '<table><tr><td><p>Nội dung</p></td></tr><tr><td><p>Tiếp</p></td></tr></table>', want: '<p>Nội dung</p>\n<p>Tiếp</p>' },
    { name: 'div paragraphs become p', input: '<div>Một</div><div>Hai</div>', want: '<p>Một</p>\n<p>Hai</p>' },
    { name: 'loose text wrapped in p', input: 'Dòng một<br>dòng hai', want: '<p>Dòng một<br>dòng hai</p>' },
    { name: 'double br at top level splits paragraphs', input: 'Đoạn một<br><br>Đoạn hai', want: '<p>Đoạn một</p>\n<p>Đoạn hai</p>' },
    { name: 'span and font unwrapped', input: '<p><span style="color:red">đỏ</span> <font face="Arial">chữ</font></p>', want: '<p>đỏ chữ</p>' },
    { name: 'text repaired inside HTML', input: '<p>Ðảng\u00A0\u00A0ủy\u200B “Hà Nội”</p>', want: '<p>Đảng ủy “Hà Nội”</p>' },
    { name: 'entities escaped in output', input: '<p>a &lt;b&gt; &amp; c</p>', want: '<p>a &lt;b&gt; &amp; c</p>' },
  ])('$name', ({ input, want }) => {
    expect(html(input)).toBe(want);
  });
});

describe('normalizeBody: dangerous or useless markup removed', () => {
  it.each([
    { name: 'script', input: '<p>a</p><script>alert(1)</script>', want: '<p>a</p>' },
    { name: 'style', input: '<style>p{}</style><p>a</p>', want: '<p>a</p>' },
    { name: 'noscript', input: '<p>a</p><noscript><img src="https://x.vn/a.jpg"></noscript>', want: '<p>a</p>' },
    { name: 'forms and controls', input: '<form><input name="q"><button>Gửi</button><select><option>1</option></select><textarea>t</textarea></form><p>a</p>', want: '<p>a</p>' },
    { name: 'hidden attribute', input: '<p hidden>ẩn</p><p>a</p>', want: '<p>a</p>' },
    { name: 'display:none', input: '<div style="display: none">ẩn</div><p>a</p>', want: '<p>a</p>' },
    { name: 'visibility:hidden', input: '<p style="visibility:hidden">ẩn</p><p>a</p>', want: '<p>a</p>' },
    { name: 'aria-hidden', input: '<span aria-hidden="true">ẩn</span><p>a</p>', want: '<p>a</p>' },
    { name: 'event handlers and styles stripped', input: '<p onclick="x()" style="color:red" class="c" id="i">a</p>', want: '<p>a</p>' },
    { name: 'javascript: link unwrapped', input: '<p><a href="javascript:alert(1)">bấm</a></p>', want: '<p>bấm</p>' },
    { name: 'JaVaScRiPt with spaces unwrapped', input: '<p><a href=" JaVaScRiPt:alert(1)">bấm</a></p>', want: '<p>bấm</p>' },
    { name: 'data: link unwrapped', input: '<p><a href="data:text/html,<b>x</b>">bấm</a></p>', want: '<p>bấm</p>' },
    { name: 'data: image dropped', input: '<p>a<img src="data:image/png;base64,AAAA"></p>', want: '<p>a</p>' },
    { name: 'svg dropped', input: '<p>a</p><svg><script>alert(1)</script></svg>', want: '<p>a</p>' },
    { name: 'object and embed dropped', input: '<object data="x.swf"></object><embed src="x.swf"><p>a</p>', want: '<p>a</p>' },
    { name: 'empty paragraphs dropped', input: '<p>&nbsp;</p><p> </p><p><br></p><p>\u200B</p><p>a</p><p><strong> </strong></p>', want: '<p>a</p>' },
    { name: 'comments dropped', input: '<p>a<!-- quảng cáo --></p>', want: '<p>a</p>' },
    { name: 'nav dropped', input: '<nav><a href="/">Trang chủ</a></nav><p>a</p>', want: '<p>a</p>' },
    { name: 'tracking pixel by size', input: '<p>a<img src="https://kinhtedothi.vn/t.gif" width="1" height="1"></p>', want: '<p>a</p>' },
    { name: 'tracking pixel by host', input: '<p>a<img src="https://www.facebook.com/tr?id=1&ev=PageView"></p>', want: '<p>a</p>' },
    { name: 'analytics beacon', input: '<p>a<img src="https://www.google-analytics.com/collect?v=1"></p>', want: '<p>a</p>' },
  ])('$name', ({ input, want }) => {
    expect(html(input)).toBe(want);
  });
});

describe('normalizeBody: links', () => {
  it.each([
    { name: 'relative made absolute', href: '/kinh-te/bai-2.html', want: 'https://kinhtedothi.vn/kinh-te/bai-2.html' },
    { name: 'dot-relative made absolute', href: 'bai-2.html', want: 'https://kinhtedothi.vn/thoi-su/bai-2.html' },
    { name: 'protocol-relative gets https', href: '//kinhtedothi.vn/bai-2.html', want: 'https://kinhtedothi.vn/bai-2.html' },
    { name: 'utm parameters removed', href: 'https://kinhtedothi.vn/a.html?utm_source=fb&utm_campaign=x', want: 'https://kinhtedothi.vn/a.html' },
    { name: 'fbclid, gclid, zarsrc removed, real params kept', href: 'https://example.vn/s?q=ha+noi&fbclid=1&gclid=2&zarsrc=3', want: 'https://example.vn/s?q=ha+noi' },
    { name: 'dclid, msclkid, _ga, mc_cid, mc_eid removed', href: 'https://example.vn/s?dclid=1&msclkid=2&_ga=3&mc_cid=4&mc_eid=5', want: 'https://example.vn/s' },
    { name: 'query without tracking left byte for byte', href: 'https://example.vn/s?b=2&a=%20', want: 'https://example.vn/s?b=2&a=%20' },
    { name: 'mailto kept', href: 'mailto:toasoan@kinhtedothi.vn', want: 'mailto:toasoan@kinhtedothi.vn' },
  ])('$name', ({ href, want }) => {
    expect(html(`<p><a href="${href}" target="_blank" onclick="t()">x</a></p>`)).toBe(`<p><a href="${want.replace(/&/g, '&amp;')}" rel="noopener noreferrer">x</a></p>`);
  });

  it.each([
    { name: 'fragment-only link unwrapped', href: '#muc-1' },
    { name: 'vbscript unwrapped', href: 'vbscript:msgbox(1)' },
    { name: 'file: unwrapped', href: 'file:///etc/passwd' },
  ])('$name', ({ href }) => {
    expect(html(`<p><a href="${href}">x</a></p>`)).toBe('<p>x</p>');
  });
});

describe('normalizeBody: iframes', () => {
  const SANDBOX = 'sandbox="allow-scripts allow-same-origin allow-presentation"';
  it.each([
    { name: 'YouTube embed kept and sandboxed', src: 'https://www.youtube.com/embed/abc123', want: 'https://www.youtube.com/embed/abc123' },
    { name: 'youtube-nocookie', src: 'https://www.youtube-nocookie.com/embed/abc123', want: 'https://www.youtube-nocookie.com/embed/abc123' },
    { name: 'protocol-relative YouTube upgraded', src: '//www.youtube.com/embed/abc123', want: 'https://www.youtube.com/embed/abc123' },
    { name: 'Vimeo player', src: 'https://player.vimeo.com/video/1234', want: 'https://player.vimeo.com/video/1234' },
    { name: 'Facebook video plugin', src: 'https://www.facebook.com/plugins/video.php?href=x', want: 'https://www.facebook.com/plugins/video.php?href=x' },
    { name: 'TikTok embed', src: 'https://www.tiktok.com/embed/v2/7000', want: 'https://www.tiktok.com/embed/v2/7000' },
    { name: 'Dailymotion embed', src: 'https://www.dailymotion.com/embed/video/x7', want: 'https://www.dailymotion.com/embed/video/x7' },
  ])('$name', ({ src, want }) => {
    expect(html(`<iframe src="${src}" width="560" height="315" frameborder="0" allowfullscreen onload="x()"></iframe>`)).toBe(
      `<iframe src="${want}" width="560" height="315" allowfullscreen="" ${SANDBOX}></iframe>`,
    );
  });

  it.each([
    { name: 'ad iframe', src: 'https://ads.example.com/banner.html' },
    { name: 'Facebook page plugin (not video)', src: 'https://www.facebook.com/plugins/page.php?href=x' },
    { name: 'look-alike host', src: 'https://youtube.com.evil.example/embed/abc' },
    { name: 'javascript: src', src: 'javascript:alert(1)' },
    { name: 'YouTube watch page (not an embed)', src: 'https://www.youtube.com/watch?v=abc' },
  ])('dropped: $name', ({ src }) => {
    expect(html(`<p>a</p><iframe src="${src}"></iframe>`)).toBe('<p>a</p>');
  });
});
