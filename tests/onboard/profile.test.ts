/**
 * Learning a whole profile from a handful of pages read by the generic
 * extraction: the date element printed as text gives its layout as
 * `dateFormats`, and the body selector is the prose container, not the
 * article block around the headline.
 */
import { describe, expect, it } from 'vitest';
import { learnProfile, sampleFromPage } from '../../src/onboard/index.js';

const NOW = Date.parse('2026-12-01T12:00:00+07:00');
const DAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm'];

function page(n: number) {
  const day = 23 + n;
  const ld = { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: `Cần Thơ mở thêm tuyến xe buýt số ${n}`, datePublished: `2026-11-${day}T08:15:00+07:00`, author: { '@type': 'Person', name: 'Ngọc Diễm' } };
  const paragraphs = [
    `Từ đầu tháng tới, tuyến xe buýt số ${n} sẽ nối bến xe trung tâm với các phường ven đô, phục vụ học sinh, công nhân và người dân đi làm mỗi ngày.`,
    'Theo sở giao thông, mỗi chuyến cách nhau 20 phút, giá vé được giữ như các tuyến hiện có và học sinh được giảm một nửa khi xuất trình thẻ.',
    'Người dân có thể tra cứu lộ trình và giờ chạy trên ứng dụng của thành phố hoặc tại các nhà chờ dọc tuyến.',
  ];
  const html = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${ld.headline}</title>
<script type="application/ld+json">${JSON.stringify(ld)}</script></head><body>
<div class="bai"><h1 class="tieu-de">${ld.headline}</h1><span class="ngay">${DAYS[n - 1]}, ${day}/11/2026 - 08:15</span>
<div class="noi-dung">${paragraphs.map((p) => `<p>${p}</p>`).join('')}<div class="chia-se">Chia sẻ: Facebook, Zalo</div></div></div></body></html>`;
  return sampleFromPage({ url: `https://cantho.example.vn/tin/xe-buyt-so-${n}-noi-ben-xe-trung-tam.html`, body: Buffer.from(html), contentType: 'text/html; charset=utf-8' }, 'cantho', NOW);
}

describe('learning a profile', () => {
  const learned = learnProfile([1, 2, 3, 4].map(page), { id: 'cantho', baseUrl: 'https://cantho.example.vn', now: NOW });
  const chosen = (field: string) => learned.fields.find((f) => f.field === field)?.chosen?.selector;

  it('writes down the layout the date element prints', () => {
    expect(chosen('published')).toBe('span.ngay');
    expect(learned.draft.dateFormats).toEqual(['D/M/YYYY HH:mm(:ss)?']);
  });

  it('takes the prose container for the body, strips its share bar, and agrees with the generic record', () => {
    expect(chosen('title')).toBe('h1.tieu-de');
    expect(chosen('body')).toBe('div.noi-dung');
    expect(learned.draft.strip).toEqual(['div.chia-se']);
    expect(learned.agreeing).toBe(4);
  });
});
