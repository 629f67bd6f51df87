/** The generic body on short posts: a cookie banner is never the article; a body shipped as a template is still the body. */
import { describe, expect, it } from 'vitest';
import { readArticle } from '../../src/normalize/index.js';

const NOW = Date.parse('2026-11-30T12:00:00+07:00');
const POST = 'Hôm nay chúng tôi ghé chợ nổi Cái Răng từ sáng sớm, khi thuyền ghe đã neo kín mặt sông. Người bán treo hàng lên cây bẹo để khách nhìn từ xa. ';
// A poem-like post: short lines, no commas, nothing Readability scores as a paragraph.
const LINES = ['Sáng sớm trên sông Hậu', 'ghe xuồng neo kín bến', 'cây bẹo treo trái chín', 'tiếng rao vang mặt nước', 'khói bếp trên mui ghe', 'hủ tiếu nóng đầu ngày', 'nắng lên chợ tan dần', 'người về với ruộng vườn'].map((l) => `<p>${l}</p>`).join('');
const read = (html: string) =>
  readArticle({ body: Buffer.from(html), contentType: null, url: 'https://blog.example.vn/2020/01/23/cho-noi/' }, { source: null, sourceId: 'blog', fetchedAt: NOW, now: NOW });

describe('generic body on short posts', () => {
  it('never takes a cookie banner for the article', () => {
    const banner = 'Trang này dùng cookie, như hầu hết các trang web, để đếm lượt đọc, ghi nhớ lựa chọn của bạn, hiện quảng cáo phù hợp, và kết nối mạng xã hội. Tiếp tục đọc là bạn đồng ý, theo chính sách cookie của chúng tôi; bạn có thể tắt cookie, xóa cookie, hoặc chọn loại cookie, bất cứ lúc nào.';
    const a = read(`<html><head><title>Chợ nổi</title></head><body><h1>Chợ nổi</h1>
      <div class="entry-content">${LINES}</div>
      <div class="widget widget_eu_cookie_law_widget"><div id="eu-cookie-law"><form method="post">${banner}<input type="submit" value="Đồng ý"></form></div></div></body></html>`);
    expect(a.contentText).toContain('cây bẹo treo trái chín');
    expect(a.contentText).not.toContain('cookie');
  });

  it('reads a microdata body the CMS ships as a script template', () => {
    const html = `<p>${POST}</p><p>Buổi trưa, chúng tôi ăn hủ tiếu trên ghe rồi theo người bán về vườn trái cây ở Phong Điền.</p>`;
    const a = read(`<html><head><title>Chợ nổi</title></head><body><h1>Chợ nổi</h1>
      <div itemscope itemtype="https://schema.org/BlogPosting"><div itemprop="articleBody"><script type="text/template">${html}</script></div></div></body></html>`);
    expect(a.contentText).toContain('cây bẹo');
    expect(a.contentText).toContain('Phong Điền');
    expect(a.extraction.body).toBe('microdata');
  });
});

describe('follow prompts', () => {
  it.each([
    'Theo dõi Báo Sông Hồng trên Google News để cập nhật tin tức nhanh nhất.',
    'Mời quý độc giả theo dõi Tin Miền Tây trên Zalo và Facebook để đọc tin nhanh nhất.',
  ])('drops "%s" from a generic body', (prompt) => {
    const a = read(`<html><head><title>Chợ nổi</title></head><body><h1>Chợ nổi</h1><article><p>${POST}</p><p>Buổi trưa, chúng tôi ăn hủ tiếu trên ghe rồi theo người bán về vườn trái cây ở Phong Điền.</p><div>${prompt}</div></article></body></html>`);
    expect(a.contentText).toContain('Phong Điền');
    expect(a.contentText).not.toContain('theo dõi');
  });
});

describe('a page drawn by a script', () => {
  it("reads the body from JSON-LD's articleBody when the HTML holds no prose", () => {
    const body = `${POST}\n\nBuổi trưa, chúng tôi ăn hủ tiếu trên ghe rồi theo người bán về vườn trái cây ở Phong Điền <3.`;
    const ld = JSON.stringify({ '@type': 'NewsArticle', headline: 'Chợ nổi', datePublished: '2026-11-20T08:00:00+07:00', articleBody: body });
    const a = read(`<html><head><title>Chợ nổi</title><script type="application/ld+json">${ld}</script></head><body><div id="app"></div><script src="/app.js"></script></body></html>`);
    expect(a.contentText).toBe(`${POST.trim()}\n\nBuổi trưa, chúng tôi ăn hủ tiếu trên ghe rồi theo người bán về vườn trái cây ở Phong Điền <3.`);
    expect(a.contentHtml).toContain('&lt;3');
    expect(a.extraction.body).toBe('jsonld');
  });
});
