/**
 * The curated feed rule operators write (feeds/*.yaml include/exclude), as
 * serve reads a feed with it and as websub decides which feeds to ping:
 * both go through feedMembership, so one set of cases covers both.
 */
import { describe, expect, it } from 'vitest';
import { feedFileSchema } from '../../src/config/feed-schema.js';
import type { FeedConfig } from '../../src/config/index.js';
import { feedMembership } from '../../src/serve/index.js';
import { affectedFeedUrls } from '../../src/websub/index.js';
import { makeArticle } from '../support/articles.js';
import { testConfig } from './harness.js';

const feed = (rules: Record<string, unknown>): FeedConfig => ({
  ...feedFileSchema.parse({ slug: 'test', title: 'T', description: 'D', ...rules }),
  file: 'feeds/test.yaml',
});
const accepts = (rules: Record<string, unknown>, overrides: Parameters<typeof makeArticle>[1]): boolean =>
  feedMembership(feed(rules)).accepts(makeArticle(1, overrides));

describe('include.keywords: whole words over title and lead, diacritics and case ignored', () => {
  it.each([
    ['ha noi', { title: 'Hà Nội mở rộng phố đi bộ' }, true],
    ['HÀ NỘI', { title: 'Tin sáng', lead: 'Người dân hà nội đón Tết.' }, true],
    ['Nam', { title: 'Đội tuyển Việt Nam thắng', lead: '' }, true],
    ['Nam', { title: 'Bầu cử ở Namibia', lead: 'Cử tri Namibia đi bỏ phiếu.' }, false],
    ['giá vàng', { title: 'Giá vàng hôm nay giảm' }, true],
    ['giá vàng', { title: 'Giá xăng và vàng miếng' }, false],
    ['đường sắt', { title: 'Duong sat do thi' }, true],
    // The body is not searched: a keyword buried in the text does not make the feed about it.
    ['Namibia', { title: 'Tin thế giới', lead: 'Tóm tắt.', contentText: 'Namibia' }, false],
  ])('%s in %o → %s', (keyword, overrides, expected) => {
    expect(accepts({ include: { keywords: [keyword] } }, overrides)).toBe(expected);
  });

  it('does not join the end of the title to the start of the lead into one phrase', () => {
    expect(accepts({ include: { keywords: ['Hà Nội'] } }, { title: 'Bão vào miền Bắc, Hà', lead: 'Nội thành ngập nặng.' })).toBe(false);
  });
});

describe('include.authors and the union of include lists', () => {
  it('takes in an author by name whatever the diacritics and case, and only that author', () => {
    expect(accepts({ include: { authors: ['tran long'] } }, { authors: ['Trần Long'] })).toBe(true);
    expect(accepts({ include: { authors: ['tran long'] } }, { authors: ['Trần Long Vân'] })).toBe(false);
  });

  it('takes in an article matching any one list', () => {
    const rules = { include: { topics: ['the-thao'], keywords: ['giá vàng'] } };
    expect(accepts(rules, { topics: ['the-thao'], title: 'Bóng đá' })).toBe(true);
    expect(accepts(rules, { topics: ['kinh-te'], title: 'Giá vàng tăng' })).toBe(true);
    expect(accepts(rules, { topics: ['kinh-te'], title: 'Giá xăng giảm' })).toBe(false);
  });

  it('takes in a category', () => {
    const rules = { include: { categories: ['kinh-te'] } };
    expect(accepts(rules, { category: { name: 'Kinh tế', slug: 'kinh-te' } })).toBe(true);
    expect(accepts(rules, { category: null })).toBe(false);
  });
});

describe('exclude wins over include', () => {
  it.each([
    ['a keyword', { keywords: ['quảng cáo'] }, { title: 'Quảng cáo: căn hộ Hà Nội' }],
    ['a topic', { topics: ['the-thao'] }, { topics: ['ha-noi', 'the-thao'] }],
    ['a category', { categories: ['giai-tri'] }, { category: { name: 'Giải trí', slug: 'giai-tri' } }],
    ['a source', { sources: ['kinhtedothi'] }, {}],
    ['an author', { authors: ['PV'] }, { authors: ['Trần Long', 'pv'] }],
  ])('drops an included article matching %s', (_what, exclude, overrides) => {
    expect(accepts({ include: { topics: ['ha-noi'] } }, overrides)).toBe(true);
    expect(accepts({ include: { topics: ['ha-noi'] }, exclude }, overrides)).toBe(false);
    expect(accepts({ include: 'all', exclude }, overrides)).toBe(false);
  });

  it('keeps what the exclude rule does not name', () => {
    expect(accepts({ include: 'all', exclude: { keywords: ['Nam'] } }, { title: 'Namibia bầu cử' })).toBe(true);
  });
});

describe('what the hub is told', () => {
  it('pings a curated feed only for the articles its rules take in', () => {
    const config = testConfig([
      { slug: 'gia-vang', title: 'Giá vàng', description: 'Giá vàng.', include: { keywords: ['giá vàng'] }, exclude: { authors: ['PV'] } },
      { slug: 'kinh-te-chon', title: 'Kinh tế', description: 'Kinh tế.', include: { categories: ['kinh-te'] } },
    ]);
    const gold = makeArticle(1, { title: 'Giá vàng tăng mạnh', topics: [], section: null, category: { name: 'Kinh tế', slug: 'kinh-te' } });
    const byPv = makeArticle(2, { title: 'Giá vàng giảm', topics: [], section: null, authors: ['PV'] });
    const urls = (a: ReturnType<typeof makeArticle>) => affectedFeedUrls(config, 'https://b.example', [a]).filter((u) => !/\.(rss|atom|json)$/.test(u));
    expect(urls(gold)).toEqual([
      'https://b.example/categories/kinh-te',
      'https://b.example/feeds/all',
      'https://b.example/feeds/gia-vang',
      'https://b.example/feeds/kinh-te-chon',
      'https://b.example/sources/kinhtedothi',
      `https://b.example/stories/${gold.storyId}`,
    ]);
    expect(urls(byPv)).toEqual(['https://b.example/feeds/all', 'https://b.example/sources/kinhtedothi', `https://b.example/stories/${byPv.storyId}`]);
  });
});

describe('a rule of topics, sources and categories answers from the stream fields alone', () => {
  const articles = [
    makeArticle(1),
    makeArticle(2, { topics: ['thi-truong'], section: null, category: { name: 'Kinh tế', slug: 'kinh-te' } }),
    makeArticle(3, { source: 'other-site', topics: [], section: null }),
    makeArticle(4, { storyId: makeArticle(1).id, topics: ['ha-noi', 'giao-thong'] }),
  ];
  it.each([
    { include: 'all' },
    { include: { topics: ['ha-noi'] } },
    { include: { sources: ['other-site'], categories: ['kinh-te'] } },
    { include: 'all', exclude: { topics: ['giao-thong'] } },
    { include: { topics: ['ha-noi', 'thi-truong'] }, exclude: { categories: ['kinh-te'], sources: ['other-site'] } },
  ])('%j: as the whole article does', (rules) => {
    const membership = feedMembership(feed(rules));
    const byFields = membership.acceptsFields;
    expect(byFields).not.toBeNull();
    for (const a of articles) {
      const fields = { id: a.id, source: a.source, topics: a.topics, category: a.category, storyId: a.storyId };
      expect(byFields?.(fields)).toBe(membership.accepts(a));
    }
  });

  it.each([{ include: { keywords: ['giá vàng'] } }, { include: { authors: ['PV'] } }, { include: { topics: ['ha-noi'] }, exclude: { keywords: ['quảng cáo'] } }, { include: 'all', exclude: { authors: ['PV'] } }])(
    '%j: not, it names an author or keyword',
    (rules) => {
      expect(feedMembership(feed(rules)).acceptsFields).toBeNull();
    },
  );
});
