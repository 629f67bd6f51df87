/**
 * Places: the gazetteer's facts, and a small corpus of the sentences papers
 * print, each with the place topics a reader would file it under. The corpus
 * is scored as a whole (hits, misses, false hits) so a change to the matcher
 * shows what it gains and what it breaks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readArticle } from '../../src/normalize/index.js';
import { createPlaceMatcher, placeTopics, UNITS, type PlaceInput } from '../../src/normalize/places/index.js';

const NOW = Date.parse('2026-11-25T12:00:00+07:00');
const SONGHONG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/onboard/songhong');
const matcher = createPlaceMatcher();

describe('the gazetteer', () => {
  it('holds the 34 units of 1 July 2025, formed from the 63 before them, 11 of them unchanged', () => {
    expect(UNITS).toHaveLength(34);
    const former = UNITS.flatMap((u) => u.formedFrom);
    expect(former).toHaveLength(63);
    expect(new Set(former).size).toBe(63);
    // Unchanged: formed from one unit (Huế is Thừa Thiên Huế renamed); the other 23 were merged.
    expect(UNITS.filter((u) => u.formedFrom.length === 1)).toHaveLength(11);
    expect(UNITS.filter((u) => u.kind === 'city').map((u) => u.name)).toEqual(['Hà Nội', 'Huế', 'Hải Phòng', 'Đà Nẵng', 'TP Hồ Chí Minh', 'Cần Thơ']);
  });

  it('names every place slug it can give, the new units and the former ones', () => {
    expect(matcher.names.get('tp-ho-chi-minh')).toBe('TP Hồ Chí Minh');
    expect(matcher.names.get('bac-giang')).toBe('Bắc Giang');
    expect(matcher.names.get('hue')).toBe('Huế');
    expect(matcher.names.size).toBe(64); // 63 former units, and Huế, which none of them was called
  });
});

interface Case {
  name: string;
  input: Partial<PlaceInput>;
  want: string[];
}

const tag = (name: string, slug: string) => ({ name, slug });

const CORPUS: Case[] = [
  { name: 'only in the body', input: { bodyText: 'Sáng 6/3, UBND TP Hà Nội tổ chức lễ ra quân.' }, want: ['ha-noi'] },
  { name: 'only in a tag', input: { tags: [tag('Thành ủy Hà Nội', 'thanh-uy-ha-noi')] }, want: ['ha-noi'] },
  { name: 'only in a lower-case tag', input: { tags: [tag('hà nội', 'ha-noi')] }, want: ['ha-noi'] },
  { name: 'a tag spelled TP.HCM', input: { tags: [tag('TP.HCM', 'tp-hcm')] }, want: ['tp-ho-chi-minh'] },
  { name: 'the former Hà Nam Ninh is not Hà Nam', input: { bodyText: 'Ông sinh ra ở tỉnh Hà Nam Ninh cũ.' }, want: [] },
  { name: 'Nam alone is no place', input: { title: 'Việt Nam xuất khẩu gạo sang Nam Phi', lead: 'Miền Nam vào mùa khô.' }, want: [] },
  { name: 'Nam Định is', input: { title: 'Nam Định khởi công cầu mới' }, want: ['nam-dinh', 'ninh-binh'] },
  { name: 'Quảng Nam is', input: { lead: 'Mưa lớn ở tỉnh Quảng Nam.' }, want: ['quang-nam', 'da-nang'] },
  { name: 'Sài Gòn is TP.HCM', input: { title: 'Sài Gòn mưa trắng trời' }, want: ['tp-ho-chi-minh'] },
  { name: 'every TP.HCM spelling', input: { bodyText: 'TPHCM, TP HCM, TP. Hồ Chí Minh, Thành phố Hồ Chí Minh' }, want: ['tp-ho-chi-minh'] },
  { name: 'Hồ Chí Minh alone is the president', input: { lead: 'Học tập và làm theo tư tưởng Hồ Chí Minh.' }, want: [] },
  { name: 'a Hà Nội district', input: { lead: 'Theo UBND quận Hoàn Kiếm, phố đi bộ mở rộng.' }, want: ['ha-noi'] },
  { name: 'a numbered district is TP.HCM', input: { bodyText: 'Quận 10 và quận 1 cấm xe.' }, want: ['tp-ho-chi-minh'] },
  { name: 'a former province and its unit now', input: { title: 'Bắc Giang thu hoạch vải thiều' }, want: ['bac-giang', 'bac-ninh'] },
  { name: 'an ALL-CAPS dateline', input: { lead: 'TP.HCM - Sáng nay, giá xăng giảm.' }, want: ['tp-ho-chi-minh'] },
  { name: 'an ALL-CAPS Hà Nội dateline', input: { lead: 'HÀ NỘI - Sáng nay, trời rét.' }, want: ['ha-noi'] },
  { name: 'the newspaper Hà Nội Mới', input: { lead: 'Theo báo Hà Nội Mới, giá rau tăng.' }, want: [] },
  { name: 'the Pacific is no Bình Dương', input: { lead: 'Bão hình thành trên Thái Bình Dương.' }, want: [] },
  { name: 'nor in capitals', input: { title: 'BÃO MẠNH TRÊN THÁI BÌNH DƯƠNG' }, want: [] },
  { name: 'a person named like a province', input: { bodyText: 'Anh Nguyễn Hải Dương và chị Trần Thị Hà Giang cho biết.' }, want: [] },
  { name: 'Huế alone is a given name', input: { bodyText: 'Chị Huế bán hàng ở chợ.' }, want: [] },
  { name: 'Thừa Thiên Huế is Huế', input: { title: 'Thừa Thiên Huế đón khách' }, want: ['thua-thien-hue', 'hue'] },
  { name: 'Thủ đô mid-sentence is Hà Nội', input: { lead: 'Ngành du lịch Thủ đô đón 28 triệu lượt khách.' }, want: ['ha-noi'] },
  { name: 'Thủ đô before another capital is not', input: { lead: 'Đoàn đã đến Thủ đô Bangkok.' }, want: [] },
  { name: 'thủ đô in lower case is not', input: { lead: 'Paris là thủ đô của Pháp.' }, want: [] },
  { name: 'Thủ đô first in a sentence is not', input: { lead: 'Thủ đô của Pháp đón khách.' }, want: [] },
  { name: 'either tone placement', input: { title: 'Thanh Hoá và Hoà Bình' }, want: ['thanh-hoa', 'hoa-binh', 'phu-tho'] },
  { name: 'text in NFD', input: { title: 'Đà Nẵng thí điểm xe buýt'.normalize('NFD') }, want: ['da-nang'] },
  { name: 'a sentence-initial word before the place', input: { lead: 'Tại Cần Thơ, lũ lên nhanh.' }, want: ['can-tho'] },
  { name: 'beyond the third paragraph', input: { bodyText: 'Một.\n\nHai.\n\nBa.\n\nNhư Đà Nẵng đã làm.' }, want: [] },
  { name: 'a district counts in any paragraph', input: { bodyText: 'Một.\n\nHai.\n\nBa.\n\nBốn.\n\nTriển lãm tại số 22 Hàng Buồm, quận Hoàn Kiếm.' }, want: ['ha-noi'] },
  { name: 'a rural district too', input: { bodyText: 'Một.\n\nHai.\n\nBa.\n\nHuyện Gia Lâm sẽ đầu tư hạ tầng.' }, want: ['ha-noi'] },
  { name: 'in the third paragraph', input: { bodyText: 'Một.\n\nHai.\n\nNhư Đà Nẵng đã làm.' }, want: ['da-nang'] },
];

const input = (p: Partial<PlaceInput>): PlaceInput => ({ title: '', lead: '', bodyText: '', section: null, tags: [], ...p });

describe('placeTopics on a corpus', () => {
  it.each(CORPUS)('$name', ({ input: p, want }) => {
    expect(placeTopics(input(p), matcher)).toEqual(want);
  });

  it('finds every expected place and no other', () => {
    let hits = 0;
    let misses = 0;
    let falseHits = 0;
    for (const c of CORPUS) {
      const got = new Set(placeTopics(input(c.input), matcher));
      for (const w of c.want) if (got.has(w)) hits++;
      else misses++;
      for (const g of got) if (!c.want.includes(g)) falseHits++;
    }
    expect({ hits, misses, falseHits }).toEqual({ hits: CORPUS.reduce((n, c) => n + c.want.length, 0), misses: 0, falseHits: 0 });
  });
});

describe('readArticle: places become topics', () => {
  it('files an article that names Hà Nội only in its first paragraph under ha-noi', () => {
    const page = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Giá rau tăng mạnh sau mưa rét</title></head>
      <body><h1>Giá rau tăng mạnh sau mưa rét</h1><article>
      <p>${'Tại các chợ dân sinh ở Hà Nội, giá rau xanh tăng gấp đôi so với tuần trước vì mưa rét kéo dài. '.repeat(3)}</p>
      <p>${'Tiểu thương cho biết nguồn hàng từ các vùng trồng rau về ít, người mua phải chọn loại rẻ hơn. '.repeat(3)}</p>
      </article></body></html>`;
    const a = readArticle(
      { body: Buffer.from(page), contentType: 'text/html; charset=utf-8', url: 'https://bao.example.vn/gia-rau-tang.html' },
      { source: null, sourceId: 'bao', fetchedAt: NOW, now: NOW },
    );
    expect(a.title).not.toContain('Hà Nội');
    expect(a.tags).toEqual([]);
    expect(a.topics).toContain('ha-noi');
  });

  it('files the five Hà Nội articles of a Hà Nội paper under ha-noi, and its Mekong rice story not', () => {
    const topics = (page: string): string[] =>
      readArticle(
        { body: readFileSync(path.join(SONGHONG, page)), contentType: null, url: `https://songhong.example.vn/${page}` },
        { source: null, sourceId: 'songhong', fetchedAt: NOW, now: NOW },
      ).topics;
    for (const page of [
      'kinh-te/ha-noi-thu-hut-hon-2-1-ty-usd-von-dau-tu-nuoc-ngoai-trong-10-thang-20256.html',
      'xa-hoi/hoc-sinh-thu-do-duoc-tham-gia-chuong-trinh-boi-an-toan-mien-phi-20270.html', // `Thủ đô` only
      'xa-hoi/mo-rong-tuyen-xe-buyt-dien-ket-noi-cac-khu-do-thi-phia-tay-20263.html',
      'van-hoa/lang-gom-bat-trang-don-luong-khach-ky-luc-dip-cuoi-tuan-20288.html', // `Huyện Gia Lâm`, last paragraph
      'van-hoa/trien-lam-anh-ve-song-hong-mo-cua-tu-do-cho-cong-chung-20295.html', // `quận Hoàn Kiếm`, last paragraph
    ]) {
      expect(topics(page), page).toContain('ha-noi');
    }
    const rice = topics('kinh-te/gia-lua-tang-manh-dau-vu-dong-xuan-nong-dan-phan-khoi-20241.html');
    expect(rice).not.toContain('ha-noi');
    expect(rice).toEqual(expect.arrayContaining(['an-giang', 'can-tho']));
  });
});
