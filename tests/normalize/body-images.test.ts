import { describe, expect, it } from 'vitest';
import { normalizeBody } from '../../src/normalize/index.js';

const PAGE = 'https://kinhtedothi.vn/thoi-su/bai-viet-123.html';
const IMG = 'https://media.kinhtedothi.vn/2019/01/18/anh.jpg';

describe('normalizeBody: image addresses', () => {
  it.each([
    { name: 'plain src', attrs: `src="${IMG}"`, want: IMG },
    { name: 'data-src when src is missing', attrs: `data-src="${IMG}"`, want: IMG },
    { name: 'data-src when src is a data: URI', attrs: `src="data:image/gif;base64,R0lGOD" data-src="${IMG}"`, want: IMG },
    { name: 'data-original when src is blank.gif', attrs: `src="/images/blank.gif" data-original="${IMG}"`, want: IMG },
    { name: 'data-lazy-src when src is a placeholder', attrs: `src="https://kinhtedothi.vn/img/placeholder-640.png" data-lazy-src="${IMG}"`, want: IMG },
    { name: 'grey.gif placeholder', attrs: `src="grey.gif" data-src="${IMG}"`, want: IMG },
    { name: 'largest of data-srcset by width', attrs: 'src="data:," data-srcset="https://x.vn/s.jpg 320w, https://x.vn/l.jpg 1280w, https://x.vn/m.jpg 640w"', want: 'https://x.vn/l.jpg' },
    { name: 'largest of data-srcset by density', attrs: 'data-srcset="https://x.vn/a.jpg 1x, https://x.vn/b.jpg 2x"', want: 'https://x.vn/b.jpg' },
    { name: 'protocol-relative gets https', attrs: 'src="//media.kinhtedothi.vn/2019/a.jpg"', want: 'https://media.kinhtedothi.vn/2019/a.jpg' },
    { name: 'relative made absolute', attrs: 'src="/uploads/2019/a.jpg"', want: 'https://kinhtedothi.vn/uploads/2019/a.jpg' },
    // The site's image host really serves `//2018/...`; a collapsed path may not exist.
    { name: 'double slash in path kept as published', attrs: 'src="https://media.kinhtedothi.vn//2018/08/03/a.jpg"', want: 'https://media.kinhtedothi.vn//2018/08/03/a.jpg' },
    { name: 'protocol-relative double slash kept', attrs: 'src="//media.kinhtedothi.vn//2018/a.jpg"', want: 'https://media.kinhtedothi.vn//2018/a.jpg' },
    { name: 'relative double slash resolved, kept', attrs: 'src="/uploads//2019/a.jpg"', want: 'https://kinhtedothi.vn/uploads//2019/a.jpg' },
    { name: 'encoded spaces kept', attrs: 'src="https://cdn.kinhtedothi.vn/524/2018/8/3/thu%20vien.jpg"', want: 'https://cdn.kinhtedothi.vn/524/2018/8/3/thu%20vien.jpg' },
    { name: 'raw spaces encoded', attrs: 'src="https://cdn.kinhtedothi.vn/524/thu vien.jpg"', want: 'https://cdn.kinhtedothi.vn/524/thu%20vien.jpg' },
    { name: 'query of a resizer kept', attrs: 'src="https://phapluatxahoi.kinhtedothi.vn/stores/news_dataimages/a.jpg?rt=20190118"', want: 'https://phapluatxahoi.kinhtedothi.vn/stores/news_dataimages/a.jpg?rt=20190118' },
    { name: 'real src wins over data-src', attrs: `src="${IMG}" data-src="https://x.vn/other.jpg"`, want: IMG },
    { name: 'a picture merely named like a word is not a placeholder', attrs: 'src="https://x.vn/2019/loading-dock-ha-noi.jpg"', want: 'https://x.vn/2019/loading-dock-ha-noi.jpg' },
  ])('$name', ({ attrs, want }) => {
    const body = normalizeBody(`<p>Chữ</p><p><img ${attrs} alt="Ảnh"></p>`, PAGE);
    expect(body.images).toEqual([{ url: want, caption: null }]);
    expect(body.html).toContain(`<img src="${want}" alt="Ảnh">`);
  });

  it.each([
    { name: 'only a placeholder', attrs: 'src="/images/blank.gif"' },
    { name: 'no source at all', attrs: 'alt="x"' },
    { name: '1x1 by attributes', attrs: 'src="https://x.vn/a.gif" width="1" height="1"' },
    { name: '1px by style', attrs: 'src="https://x.vn/a.gif" style="width:1px;height:1px"' },
    { name: 'javascript: src', attrs: 'src="javascript:alert(1)"' },
  ])('dropped: $name', ({ attrs }) => {
    const body = normalizeBody(`<p>Chữ<img ${attrs}></p>`, PAGE);
    expect(body.images).toEqual([]);
    expect(body.html).toBe('<p>Chữ</p>');
  });

  it('keeps only numeric width and height, in body order', () => {
    const body = normalizeBody(
      '<p><img src="https://x.vn/1.jpg" width="640" height="auto" class="x" title="t"></p><p><img src="https://x.vn/2.jpg" width="100%"></p>',
      PAGE,
    );
    expect(body.html).toBe('<p><img src="https://x.vn/1.jpg" alt="" width="640"></p>\n<p><img src="https://x.vn/2.jpg" alt=""></p>');
    expect(body.images.map((i) => i.url)).toEqual(['https://x.vn/1.jpg', 'https://x.vn/2.jpg']);
  });
});

interface FigureCase {
  name: string;
  input: string;
  caption: string | null;
}

const FIGURES: FigureCase[] = [
  {
    name: 'Kinhtedothi layout table: image row, caption row',
    input: `<table class="image center" align="center"><tbody><tr><td><img src="${IMG}" alt="a" width="640" height="427"></td></tr><tr><td class="image_desc">Toàn cảnh hội nghị.</td></tr></tbody></table>`,
    caption: 'Toàn cảnh hội nghị.',
  },
  {
    name: 'table.picture with caption in a p',
    input: `<table class="picture"><tr><td><img src="${IMG}" alt="a" width="640" height="427"></td></tr><tr><td><p><em>Ảnh: Toàn cảnh.</em></p></td></tr></table>`,
    caption: 'Ảnh: Toàn cảnh.',
  },
  {
    name: 'table with a single image and no caption',
    input: `<table><tr><td><img src="${IMG}" alt="a" width="640" height="427"></td></tr></table>`,
    caption: null,
  },
  {
    name: 'lazy image inside a layout table',
    input: `<table class="image"><tr><td><img src="data:image/gif;base64,R0l" data-src="${IMG}" alt="a" width="640" height="427"></td></tr><tr><td>Chú thích.</td></tr></table>`,
    caption: 'Chú thích.',
  },
  {
    name: 'existing figure with nested caption markup',
    input: `<figure class="image"><a href="${IMG}"><img src="${IMG}" alt="a" width="640" height="427"></a><figcaption><p>Chú <strong>thích</strong>.</p></figcaption></figure>`,
    caption: 'Chú thích.',
  },
  {
    name: 'figure without figcaption but with caption text',
    input: `<figure><img src="${IMG}" alt="a" width="640" height="427"><p class="caption">Chú thích.</p></figure>`,
    caption: 'Chú thích.',
  },
  {
    name: 'VCCorp-style photo wrapper with caption class',
    input: `<div class="VCSortableInPreviewMode" type="Photo"><div><img src="${IMG}" alt="a" width="640" height="427"></div><div class="PhotoCMS_Caption"><p>Chú thích.</p></div></div>`,
    caption: 'Chú thích.',
  },
];

describe('normalizeBody: photos become figures with captions', () => {
  it.each(FIGURES)('$name', ({ input, caption }) => {
    const body = normalizeBody(`<p>Trước.</p>${input}<p>Sau.</p>`, PAGE);
    const fig = `<figure><img src="${IMG}" alt="a" width="640" height="427">${caption === null ? '' : `<figcaption>${caption}</figcaption>`}</figure>`;
    expect(body.html).toBe(`<p>Trước.</p>\n${fig}\n<p>Sau.</p>`);
    expect(body.images).toEqual([{ url: IMG, caption }]);
    // The caption lives in images[], never as a loose paragraph of the text.
    expect(body.text).toBe('Trước.\n\nSau.');
  });

  it('leaves a data table that happens to hold a picture alone', () => {
    const rows = Array.from({ length: 5 }, (_v, i) => `<tr><td>Quận ${i}</td><td>${i * 10}</td></tr>`).join('');
    const body = normalizeBody(`<table><tr><td><img src="${IMG}"></td><td>Logo</td></tr>${rows}</table>`, PAGE);
    expect(body.html.startsWith('<table>')).toBe(true);
    expect(body.images).toEqual([{ url: IMG, caption: null }]);
    expect(body.text).toContain('Quận 4 | 40');
  });

  it('keeps a small table with words beside its picture as a table, not a photo with all its cells as caption', () => {
    const body = normalizeBody(`<table><tr><td><img src="${IMG}"></td><td>Logo</td></tr><tr><td>Quận 1</td><td>10</td></tr></table>`, PAGE);
    expect(body.html).toBe(`<table><tr><td><img src="${IMG}" alt=""></td><td>Logo</td></tr><tr><td>Quận 1</td><td>10</td></tr></table>`);
    expect(body.images).toEqual([{ url: IMG, caption: null }]);
    // Sanitizing its own output again changes nothing.
    expect(normalizeBody(body.html, PAGE).html).toBe(body.html);
  });

  it('keeps two photos of one layout table as plain images, not one figure', () => {
    const body = normalizeBody(`<table><tr><td><img src="https://x.vn/1.jpg"></td><td><img src="https://x.vn/2.jpg"></td></tr></table>`, PAGE);
    expect(body.html).not.toContain('<figure>');
    expect(body.images.map((i) => i.url)).toEqual(['https://x.vn/1.jpg', 'https://x.vn/2.jpg']);
  });
});
