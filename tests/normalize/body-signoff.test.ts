import { describe, expect, it } from 'vitest';
import { normalizeBody } from '../../src/normalize/index.js';

const PAGE = 'https://kinhtedothi.vn/thoi-su/bai-viet-123.html';
const TEXT = '<p>Nội dung bài viết.</p>';

describe('normalizeBody: sign-off at the end moves to the byline', () => {
  it.each([
    { name: 'style text-align:right', input: `${TEXT}<p style="text-align: right;">Trần Long</p>`, signOff: ['Trần Long'] },
    { name: 'align=right', input: `${TEXT}<p align="right"><strong>Hoàng Phương</strong></p>`, signOff: ['Hoàng Phương'] },
    { name: 'class with right', input: `${TEXT}<p class="Normal right">Ngọc Thành</p>`, signOff: ['Ngọc Thành'] },
    { name: 'class text-right', input: `${TEXT}<p class="text-right">Ngọc Thành</p>`, signOff: ['Ngọc Thành'] },
    { name: 'right-aligned span inside the last p', input: `${TEXT}<p><span style="text-align:right">Ngọc Thành</span></p>`, signOff: ['Ngọc Thành'] },
    { name: 'short bold name', input: `${TEXT}<p><strong>Trần Long</strong></p>`, signOff: ['Trần Long'] },
    { name: 'bold team name', input: `${TEXT}<p><b>Nhóm PV</b></p>`, signOff: ['Nhóm PV'] },
    { name: 'agency line', input: `${TEXT}<p>Theo TTXVN</p>`, signOff: ['Theo TTXVN'] },
    { name: 'two right-aligned lines', input: `${TEXT}<p align="right">Trần Long</p><p align="right">Ảnh: Phạm Hùng</p>`, signOff: ['Trần Long', 'Ảnh: Phạm Hùng'] },
    { name: 'lines split by br', input: `${TEXT}<p style="text-align:right">Trần Long<br>Ảnh: Phạm Hùng</p>`, signOff: ['Trần Long', 'Ảnh: Phạm Hùng'] },
    { name: 'inside a wrapper div', input: `<div>${TEXT}<p style="text-align:right">Trần Long</p></div>`, signOff: ['Trần Long'] },
    { name: 'empty paragraphs after it', input: `${TEXT}<p style="text-align:right">Trần Long</p><p>&nbsp;</p>`, signOff: ['Trần Long'] },
  ])('$name', ({ input, signOff }) => {
    const body = normalizeBody(input, PAGE);
    expect(body.signOff).toEqual(signOff);
    expect(body.html).toBe(TEXT);
    expect(body.text).toBe('Nội dung bài viết.');
  });
});

describe('normalizeBody: what is not a sign-off stays in the body', () => {
  it.each([
    { name: 'right-aligned quote earlier in the body', input: '<p style="text-align:right"><em>“Hà Nội vì hòa bình”</em></p><p>Nội dung bài viết.</p>' },
    { name: 'last paragraph not aligned and not bold', input: '<p>Mở đầu.</p><p>Trần Long</p>' },
    { name: 'bold sentence (sentence case) at the end', input: '<p>Mở đầu.</p><p><strong>Tăng cường kiểm tra hướng dẫn</strong></p>' },
    { name: 'bold text with digits', input: '<p>Mở đầu.</p><p><strong>Hội nghị năm 2019</strong></p>' },
    { name: 'partly bold last paragraph', input: '<p>Mở đầu.</p><p><strong>Trần Long</strong> cho biết thêm.</p>' },
    { name: 'long right-aligned paragraph', input: `<p>Mở đầu.</p><p style="text-align:right">${'Một đoạn rất dài căn phải. '.repeat(8)}</p>` },
    { name: 'right-aligned line followed by text', input: '<p>Mở đầu.</p><p align="right">Trần Long</p><p>Phần tiếp.</p>' },
  ])('$name', ({ input }) => {
    const body = normalizeBody(input, PAGE);
    expect(body.signOff).toEqual([]);
    expect(body.html).toBe(normalizeBody(input.replace(/ (?:style|align|class)="[^"]*"/g, ''), PAGE).html);
  });
});

describe('normalizeBody: contentText', () => {
  it.each([
    { name: 'blank line between paragraphs', input: '<p>Một.</p><p>Hai.</p>', want: 'Một.\n\nHai.' },
    { name: 'br is a line break inside a paragraph', input: '<p>Dòng một<br>dòng hai</p>', want: 'Dòng một\ndòng hai' },
    { name: 'headings and list items are blocks', input: '<h2>Tiêu đề</h2><ul><li>a</li><li>b</li></ul>', want: 'Tiêu đề\n\na\n\nb' },
    { name: 'inline markup flattened', input: '<p><strong>Hà</strong> <em>Nội</em> <a href="/x">đẹp</a></p>', want: 'Hà Nội đẹp' },
    { name: 'captions excluded', input: '<p>Trước.</p><figure><img src="https://x.vn/a.jpg"><figcaption>Chú thích</figcaption></figure><p>Sau.</p>', want: 'Trước.\n\nSau.' },
    { name: 'table rows are lines, cells joined', input: '<table><tr><th>Năm</th><th>Số</th></tr><tr><td>2018</td><td>74</td></tr></table>', want: 'Năm | Số\n\n2018 | 74' },
    { name: 'NBSP and zero-width removed', input: '<p>Hà\u00A0Nội\u200B.</p>', want: 'Hà Nội.' },
    { name: 'blockquote text kept', input: '<blockquote>Trích dẫn</blockquote>', want: 'Trích dẫn' },
    { name: 'iframe adds no text', input: '<p>a</p><iframe src="https://www.youtube.com/embed/x"></iframe>', want: 'a' },
  ])('$name', ({ input, want }) => {
    expect(normalizeBody(input, PAGE).text).toBe(want);
  });
});
