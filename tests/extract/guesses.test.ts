/** Fields guessed from what a site calls its elements, for pages with no structured data and no profile. */
import { describe, expect, it } from 'vitest';
import { readArticle } from '../../src/normalize/index.js';

const NOW = Date.parse('2026-11-30T12:00:00+07:00');
const PARAS = Array.from({ length: 4 }, (_, i) => `<div class="doan">Đoạn ${i + 1}: các vựa sầu riêng, thanh long và bưởi ở Tiền Giang đang tất bật đóng hàng xuất khẩu phục vụ thị trường cuối năm.</div>`).join('');

const page = (extra = ''): Buffer =>
  Buffer.from(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Trái cây Tiền Giang vào mùa xuất khẩu - Tin Miền Tây</title></head><body>
  <div class="cot-phai"><div class="muc"><a href="/bai-viet/1/a">Tin khác</a><span class="ngay">Thứ Hai, 23/11/2026 - 07:00</span></div></div>
  <div class="duong-dan"><a href="/">Trang chủ</a> » <a href="/kinh-te">Kinh tế</a></div>
  <h1 class="tieu-de">Trái cây Tiền Giang vào mùa xuất khẩu</h1>
  <div class="ngay-dang">Thứ Năm, 26/11/2026 - 10:20</div>
  <div class="tom-tat"><b>Các vựa trái cây ở Tiền Giang tất bật đóng hàng xuất khẩu cuối năm.</b></div>
  <div class="than-bai">${PARAS}</div>
  <div class="tac-gia">Bảo Trân</div>
  <div class="tu-khoa">Từ khóa: <a href="/tu-khoa/0">trái cây</a>, <a href="/tu-khoa/1">xuất khẩu</a></div>
  ${extra}</body></html>`);

const read = (body: Buffer) =>
  readArticle({ body, contentType: null, url: 'https://tinmientay.example.vn/bai-viet/24138/trai-cay' }, { source: null, sourceId: 'mientay', fetchedAt: NOW, now: NOW });

describe('guessed fields', () => {
  it("reads the date printed next to the headline, not the sidebar's", () => {
    const a = read(page());
    expect(a.publishedAt).toBe('2026-11-26T10:20:00+07:00');
    expect(a.extraction.publishedAt).toBe('readability');
  });

  it('reads the author, lead, breadcrumb section and tags from their class names', () => {
    const a = read(page());
    expect(a.authors).toEqual(['Bảo Trân']);
    expect(a.lead).toBe('Các vựa trái cây ở Tiền Giang tất bật đóng hàng xuất khẩu cuối năm.');
    expect(a.section).toEqual({ name: 'Kinh tế', slug: 'kinh-te' });
    expect(a.tags.map((t) => t.name)).toEqual(['trái cây', 'xuất khẩu']);
  });

  it('never takes a date box for an author', () => {
    const body = Buffer.from(page().toString().replace('<div class="tac-gia">Bảo Trân</div>', '<div class="author-time">Thứ hai, 25/11/2024 - 10:30</div>'));
    expect(read(body).authors).toEqual([]);
  });

  it('lets structured data win over a guess', () => {
    const body = Buffer.from(page().toString().replace('<head>', '<head><meta property="article:published_time" content="2026-11-25T08:00:00+07:00">'));
    const a = read(body);
    expect(a.publishedAt).toBe('2026-11-25T08:00:00+07:00');
    expect(a.extraction.publishedAt).toBe('meta');
  });
});
