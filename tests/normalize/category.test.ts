/**
 * Placing an article in the shared taxonomy: the source's section mapping,
 * its URL path prefixes, a section named like a category, the keyword table,
 * and null when nothing says anything. Built from the shipped taxonomy.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy, resolveCategories, type CategoryRules, type Taxonomy } from '../../src/config/index.js';
import { readArticle } from '../../src/normalize/index.js';
import { chooseCategory } from '../../src/normalize/category.js';
import { sourceById } from '../extract/pages.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let taxonomy: Taxonomy;
let rules: CategoryRules;

beforeAll(async () => {
  taxonomy = await loadTaxonomy(path.join(ROOT, 'config/taxonomy.yaml'));
  const resolved = resolveCategories(
    { categories: { sections: { 'Tài chính - Ngân hàng': 'tai-chinh', 'Giao thông': 'do-thi' }, paths: { '/nha-dat': 'bat-dong-san', '/kinh-te/chung-khoan/': 'tai-chinh', '/kinh-te': 'kinh-te' } } },
    taxonomy,
  );
  expect(resolved.problems).toEqual([]);
  rules = resolved.rules;
});

const place = (article: { url?: string; title?: string; lead?: string; section?: { name: string; slug: string } | null }) =>
  chooseCategory(rules, { url: 'https://bao.example.vn/bai-viet.html', title: 'Tin trong ngày', lead: '', section: null, ...article })?.slug ?? null;

describe('category from the source mapping', () => {
  it("maps the site's section words, whatever their diacritics or case", () => {
    expect(place({ section: { name: 'Tài chính - Ngân hàng', slug: 'tai-chinh-ngan-hang' } })).toBe('tai-chinh');
    expect(place({ section: { name: 'GIAO THÔNG', slug: 'giao-thong' } })).toBe('do-thi');
  });

  it('takes a section named like a category without a mapping line', () => {
    expect(place({ section: { name: 'Giáo dục', slug: 'giao-duc' } })).toBe('giao-duc');
  });

  it('places by URL path prefix, the longest first, whole path segments only', () => {
    expect(place({ url: 'https://bao.example.vn/nha-dat/gia-can-ho-tang.html' })).toBe('bat-dong-san');
    expect(place({ url: 'https://bao.example.vn/kinh-te/chung-khoan/vn-index.html' })).toBe('tai-chinh');
    expect(place({ url: 'https://bao.example.vn/kinh-te/xuat-khau-go.html' })).toBe('kinh-te');
    // An article slug that merely starts with the folder name is not in the folder.
    expect(place({ url: 'https://bao.example.vn/kinh-te-ha-noi-tang-truong.html' })).toBeNull();
  });

  it("prefers the section the page prints to the URL's folder", () => {
    expect(place({ url: 'https://bao.example.vn/kinh-te/bai.html', section: { name: 'Giao thông', slug: 'giao-thong' } })).toBe('do-thi');
  });
});

describe('the keyword fallback', () => {
  it('places an unmapped section by title and lead keywords', () => {
    expect(place({ section: { name: 'Tin nhanh', slug: 'tin-nhanh' }, title: 'Khởi tố nhóm lừa đảo qua mạng' })).toBe('phap-luat');
    expect(place({ title: 'Tin sáng', lead: 'Giá vang va lai suat ngan hang cung tang.' })).toBe('tai-chinh');
  });

  it('goes by the most keywords found, whole words only', () => {
    expect(place({ title: 'Học sinh và sinh viên nghỉ Tết', lead: 'Trường học thông báo lịch nghỉ.' })).toBe('giao-duc');
    // "Xe" is a category, not a keyword; "AI" must not match inside "Thái".
    expect(place({ title: 'Người Thái ở Tây Bắc', lead: '' })).toBeNull();
  });

  it('leaves the category null when nothing says anything', () => {
    expect(place({ section: { name: 'Tin nhanh', slug: 'tin-nhanh' }, title: 'Thông báo', lead: 'Nội dung ngắn.' })).toBeNull();
  });
});

describe('readArticle', () => {
  it("gives a crawled page its source's category, from the section it maps", async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await sourceById('kinhtedothi');
    const body = await readFile(path.join(ROOT, 'tests/fixtures/pages/kinhtedothi-video.html'));
    const article = readArticle({ body, contentType: null, url: 'https://kinhtedothi.vn/tau-metro-nhon-ga-ha-noi-chay-thu-nghiem-doan-tren-cao.html' }, { source, fetchedAt: Date.parse('2026-01-01T00:00:00Z'), now: Date.parse('2026-01-01T00:00:00Z') });
    expect(article.section?.name).toBe('Giao thông');
    expect(article.category).toEqual({ name: 'Đô thị', slug: 'do-thi' });
  });

  it('gives a page read without a source no category', async () => {
    const { readFile } = await import('node:fs/promises');
    const body = await readFile(path.join(ROOT, 'tests/fixtures/pages/kinhtedothi-video.html'));
    const article = readArticle({ body, contentType: null, url: 'https://kinhtedothi.vn/tau-metro.html' }, { source: null, sourceId: 'x', fetchedAt: Date.parse('2026-01-01T00:00:00Z'), now: Date.parse('2026-01-01T00:00:00Z') });
    expect(article.category).toBeNull();
  });
});
