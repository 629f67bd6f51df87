/**
 * Normalization cost on a ~120 KB article page, as a ratio against parsing the
 * same body with cheerio/slim (htmlparser2) in the same run: machines differ,
 * ratios travel. Run: npm run bench:normalize
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { load } from 'cheerio/slim';
import type { ExtractedPage } from '../src/extract/page.js';
import { normalizeArticle } from '../src/normalize/index.js';
import { median } from './stats.js';

const seedBody = readFileSync(new URL('../tests/normalize/fixtures/kinhtedothi-2019-01-18/body.html', import.meta.url), 'utf8');
// Repeat the seed body (photos, lazy images, paragraphs) up to about 120 KB.
let body = '';
for (let i = 0; body.length < 120_000; i++) body += `<div class="part-${i}">${seedBody}</div>\n<p style="text-align:right">Trần Long</p>\n`;

const page: ExtractedPage = {
  fetchedUrl: 'https://kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html',
  canonicalUrl: null,
  candidates: {
    title: [{ value: 'Hà Nội tạo bước đột phá mới trong công tác cán bộ', from: 'profile' }],
    lead: [{ value: 'Kinhtedothi - Sáng 18/1, Ban Tổ chức T.Ư đã tổ chức Hội nghị.', from: 'profile' }],
    byline: [{ value: ['Trần Long - Ảnh: Phạm Hùng'], from: 'profile' }],
    published: [{ value: '18-01-2019 17:39', from: 'profile' }],
    updated: [],
    section: [{ value: 'Thời sự', from: 'profile' }],
    tags: [{ value: ['Hà Nội', 'công tác cán bộ'], from: 'profile' }],
    image: [],
  },
  events: [],
  body: { value: body, from: 'profile' },
  unreadableJsonLd: 0,
};
const ctx = { sourceId: 'kinhtedothi', datelines: [], dateFormats: [], timezone: 'Asia/Ho_Chi_Minh', site: 'kinhtedothi.vn', topicAliases: {}, fetchedAt: Date.now(), now: Date.now() };

/** Run baseline and subject alternately, so load from other processes hits both alike; report medians and the median ratio. */
function compare(rounds: number, base: () => void, subject: () => void): { base: number; subject: number; ratio: number } {
  for (let i = 0; i < 15; i++) {
    base();
    subject(); // warm the JIT
  }
  const b: number[] = [];
  const s: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    base();
    const t1 = performance.now();
    subject();
    const t2 = performance.now();
    b.push(t1 - t0);
    s.push(t2 - t1);
    r.push((t2 - t1) / (t1 - t0));
  }
  return { base: median(b), subject: median(s), ratio: median(r) };
}

console.log(`body: ${(body.length / 1024).toFixed(0)} KB`);
const result = compare(
  80,
  () => void load(body, null, false).root(),
  () => void normalizeArticle(page, ctx),
);
console.log(`baseline cheerio/slim load: median ${result.base.toFixed(2)} ms`);
console.log(`normalizeArticle:           median ${result.subject.toFixed(2)} ms`);
console.log(`ratio normalize / parse:    median ${result.ratio.toFixed(1)}x`);
