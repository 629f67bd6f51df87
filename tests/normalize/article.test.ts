import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article.js';
import { BantinError, NotAnArticleError } from '../../src/core/errors.js';
import type { ExtractedPage, Found } from '../../src/extract/page.js';
import { normalizeArticle as normalizeExtracted, type NormalizeContext } from '../../src/normalize/index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SEED_DIR = path.join(HERE, 'fixtures', 'kinhtedothi-2019-01-18');
const NOW = Date.parse('2026-11-25T12:00:00+07:00');

const CTX: NormalizeContext = {
  sourceId: 'kinhtedothi',
  datelines: ['^\\(?Kinhtedothi\\)?\\s*[-–—]\\s*', '^\\(?KTĐT\\)?\\s*[-–—]\\s*'],
  dateFormats: [],
  timezone: 'Asia/Ho_Chi_Minh',
  site: 'kinhtedothi.vn',
  topicAliases: { hanoi: 'ha-noi', 'thu-do': 'ha-noi' },
  fetchedAt: NOW - 5_000,
  now: NOW,
};

/** A page with at most one candidate per field: most of these tests are about what normalization does with a value. */
interface OnePage {
  fetchedUrl: string;
  canonicalUrl: string | null;
  title: Found<string> | null;
  lead: Found<string> | null;
  byline: Found<string[]> | null;
  published: Found<string> | null;
  updated: Found<string> | null;
  section: Found<string> | null;
  tags: Found<string[]> | null;
  events: ExtractedPage['events'];
  body: Found<string> | null;
  leadImage: string | null;
}

const list = <T>(found: Found<T> | null): Found<T>[] => (found ? [found] : []);

function extracted(p: OnePage): ExtractedPage {
  return {
    fetchedUrl: p.fetchedUrl,
    canonicalUrl: p.canonicalUrl,
    candidates: {
      title: list(p.title),
      lead: list(p.lead),
      byline: list(p.byline),
      published: list(p.published),
      updated: list(p.updated),
      section: list(p.section),
      tags: list(p.tags),
      image: p.leadImage ? [{ value: p.leadImage, from: 'meta' }] : [],
    },
    events: p.events,
    body: p.body,
    unreadableJsonLd: 0,
  };
}

function normalizeArticle(page: OnePage | ExtractedPage, ctx: NormalizeContext): Article {
  return normalizeExtracted('candidates' in page ? page : extracted(page), ctx);
}

/** The seed article as the older-CMS profile extracts it. */
function seedPage(): OnePage {
  return {
    fetchedUrl: 'https://kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html',
    canonicalUrl: 'https://kinhtedothi.vn/ha-noi-tao-buoc-dot-pha-moi-trong-cong-tac-can-bo-332156.html',
    title: { value: '\n  Hà Nội tạo bước đột phá mới trong công tác cán bộ  ', from: 'profile' },
    lead: {
      value: 'Kinhtedothi - Sáng 18/1, Ban Tổ chức T.Ư đã tổ chức Hội nghị toàn quốc tổng kết công tác xây dựng Đảng năm 2018, triển khai nhiệm vụ năm 2019.',
      from: 'profile',
    },
    byline: { value: ['Trần Long - Ảnh: Phạm Hùng'], from: 'profile' },
    published: { value: '18-01-2019 17:39', from: 'profile' },
    updated: null,
    section: { value: 'Thời sự', from: 'profile' },
    tags: { value: ['Hà Nội', 'công tác cán bộ', 'Thành ủy Hà Nội', 'hà nội'], from: 'profile' },
    events: [{ name: 'Kỳ họp thứ 9, Quốc hội khóa XIV', url: 'https://kinhtedothi.vn/su-kien/697/ky-hop-thu-9-quoc-hoi-khoa-xiv.html' }],
    body: { value: readFileSync(path.join(SEED_DIR, 'body.html'), 'utf8'), from: 'profile' },
    leadImage: 'https://media.kinhtedothi.vn//2019/01/18/hoi-nghi-to-chuc-xay-dung-dang.jpg',
  };
}

function minimalPage(overrides: Partial<OnePage> = {}): OnePage {
  return {
    fetchedUrl: 'https://kinhtedothi.vn/bai-viet-1.html',
    canonicalUrl: null,
    title: { value: 'Tiêu đề', from: 'jsonld' },
    lead: null,
    byline: null,
    published: { value: '2019-01-18T17:39:00+07:00', from: 'jsonld' },
    updated: null,
    section: null,
    tags: null,
    events: [],
    body: { value: '<p>Nội dung.</p>', from: 'readability' },
    leadImage: null,
    ...overrides,
  };
}

/**
 * Compare with a golden file beside the fixture (text compared line by line,
 * so a failure shows a readable diff). UPDATE_GOLDEN=1 rewrites it after a
 * reviewed change; a missing golden file is a failure, not a free pass.
 */
function expectGolden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, actual);
    expect.fail(`${file} rewritten (UPDATE_GOLDEN=1): review the diff, then run without it`);
  }
  expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('normalizeArticle: the seed Kinhtedothi article', () => {
  const article = normalizeArticle(seedPage(), CTX);

  it('has the fields a reader sees', () => {
    expect(article.title).toBe('Hà Nội tạo bước đột phá mới trong công tác cán bộ');
    expect(article.authors).toEqual(['Trần Long']);
    expect(article.credits).toEqual([{ role: 'photo', name: 'Phạm Hùng' }]);
    expect(article.attribution).toBeNull();
    expect(article.publishedAt).toBe('2019-01-18T17:39:00+07:00');
    expect(article.lead.startsWith('Sáng 18/1, Ban Tổ chức T.Ư')).toBe(true);
    expect(article.images).toEqual([
      { url: 'https://media.kinhtedothi.vn//2019/01/18/hoi-nghi-to-chuc-xay-dung-dang.jpg', caption: 'Toàn cảnh hội nghị tại đầu cầu Hội trường Bộ Quốc phòng.' },
    ]);
    expect(article.contentText.startsWith('Ủy viên T.Ư Đảng')).toBe(true);
    expect(article.contentText).not.toContain('Toàn cảnh hội nghị');
    expect(article.contentText.endsWith('tạo sức mạnh của toàn ngành tổ chức.')).toBe(true);
    expect(article.contentText.split('\n\n')).toHaveLength(10);
    expect(article.contentHtml).not.toMatch(/<script|<table|data:|&nbsp;|<p><\/p>/);
    expect(article.topics).toEqual(['thoi-su', 'ha-noi', 'cong-tac-can-bo', 'thanh-uy-ha-noi', 'ky-hop-thu-9-quoc-hoi-khoa-xiv']);
    expect(article.id).toBe(createHash('sha256').update(article.url).digest('hex').slice(0, 16));
  });

  it('matches the golden record, body HTML and body text', () => {
    const { contentHtml, contentText, ...fields } = article;
    expectGolden(path.join(SEED_DIR, 'expected.json'), `${JSON.stringify(fields, null, 2)}\n`);
    expectGolden(path.join(SEED_DIR, 'expected.html'), `${contentHtml}\n`);
    expectGolden(path.join(SEED_DIR, 'expected.txt'), `${contentText}\n`);
  });
});

describe('normalizeArticle: not an article', () => {
  it.each([
    { name: 'no title', page: minimalPage({ title: null }), reason: 'no title' },
    { name: 'blank title', page: minimalPage({ title: { value: ' \u200B\u00A0', from: 'profile' } }), reason: 'no title' },
    { name: 'no body', page: minimalPage({ body: null }), reason: 'empty body' },
    { name: 'body with only scripts and empty paragraphs', page: minimalPage({ body: { value: '<script>x()</script><p>&nbsp;</p>', from: 'profile' } }), reason: 'empty body' },
  ])('$name', ({ page, reason }) => {
    let caught: unknown;
    try {
      normalizeArticle(page, CTX);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(NotAnArticleError);
    const err = caught as NotAnArticleError;
    expect((err as BantinError).kind).toBe('not-an-article');
    expect(err.reason).toBe(reason);
    expect(err.url).toBe(page.fetchedUrl);
  });

  it.each([
    { name: 'no published date', published: null },
    { name: 'an unparsable date', published: { value: 'Thứ Sáu', from: 'profile' } as const },
    { name: 'a date more than a day in the future', published: { value: '2026-11-26T12:30:00+07:00', from: 'meta' } as const },
    { name: 'an impossible date', published: { value: '31/02/2019 10:00', from: 'profile' } as const },
    { name: 'a placeholder date', published: { value: '0001-01-01T00:00:00Z', from: 'jsonld' } as const },
  ])('keeps an article with $name, dated when first seen', ({ published }) => {
    const a = normalizeArticle(minimalPage({ published }), CTX);
    expect(a.publishedAt).toBe(a.fetchedAt);
    expect(a.extraction.publishedAt).toBe('first-seen');
  });

  it('takes the first plausible date candidate, past placeholders and garbage', () => {
    const page = extracted(minimalPage());
    page.candidates.published = [
      { value: '0001-01-01T00:00:00Z', from: 'jsonld' },
      { value: 'November 19, 2019', from: 'meta' },
      { value: '2019-11-18', from: 'url' },
    ];
    const a = normalizeArticle(page, CTX);
    expect(a.publishedAt).toBe('2019-11-19T00:00:00+07:00');
    expect(a.extraction.publishedAt).toBe('meta');
  });

  it('accepts a photo story: pictures and no words', () => {
    const a = normalizeArticle(minimalPage({ body: { value: '<p><img src="https://x.vn/1.jpg"></p>', from: 'profile' } }), CTX);
    expect(a.contentText).toBe('');
    expect(a.images).toEqual([{ url: 'https://x.vn/1.jpg', caption: null }]);
  });
});

describe('normalizeArticle: updatedAt', () => {
  it.each([
    { name: 'later than published', updated: '18/01/2019 18:05', want: '2019-01-18T18:05:00+07:00', from: 'profile' },
    { name: 'same as published', updated: '18/01/2019 17:39', want: null, from: 'none' },
    { name: 'earlier than published', updated: '17/01/2019 09:00', want: null, from: 'none' },
    { name: 'more than a day in the future', updated: '2026-11-26T12:30:00+07:00', want: null, from: 'none' },
    { name: 'garbage', updated: 'không rõ', want: null, from: 'none' },
    { name: 'relative, counted back from the fetch', updated: '2 giờ trước', want: '2026-11-25T09:59:55+07:00', from: 'profile' },
  ])('$name', ({ updated, want, from }) => {
    const a = normalizeArticle(minimalPage({ updated: { value: updated, from: 'profile' } }), CTX);
    expect(a.updatedAt).toBe(want);
    expect(a.extraction.updatedAt).toBe(from);
  });
});

describe('normalizeArticle: record fields', () => {
  const cases: { name: string; page: OnePage; check: (a: Article) => void }[] = [
    {
      name: 'lead image used when the body has none',
      page: minimalPage({ leadImage: '//media.kinhtedothi.vn//2019/a.jpg' }),
      check: (a) => {
        expect(a.images).toEqual([{ url: 'https://media.kinhtedothi.vn//2019/a.jpg', caption: null }]);
        expect(a.extraction.images).toBe('meta');
      },
    },
    {
      name: 'lead image ignored when the body has pictures',
      page: minimalPage({ leadImage: 'https://x.vn/og.jpg', body: { value: '<p>a<img src="https://x.vn/1.jpg"></p>', from: 'readability' } }),
      check: (a) => {
        expect(a.images.map((i) => i.url)).toEqual(['https://x.vn/1.jpg']);
        expect(a.extraction.images).toBe('readability');
      },
    },
    {
      name: 'no images at all',
      page: minimalPage(),
      check: (a) => {
        expect(a.images).toEqual([]);
        expect(a.extraction.images).toBe('none');
      },
    },
    {
      name: 'sign-off at the end of the body becomes the byline',
      page: minimalPage({ body: { value: '<p>Nội dung.</p><p style="text-align:right"><strong>Hoàng Phương - Ngọc Thành</strong></p>', from: 'profile' } }),
      check: (a) => {
        expect(a.authors).toEqual(['Hoàng Phương', 'Ngọc Thành']);
        expect(a.extraction.authors).toBe('profile');
        expect(a.contentText).toBe('Nội dung.');
      },
    },
    {
      name: 'sign-off attribution joins a printed byline',
      page: minimalPage({ byline: { value: ['Minh An'], from: 'meta' }, body: { value: '<p>Nội dung.</p><p>(theo Reuters)</p>', from: 'profile' } }),
      check: (a) => {
        expect(a.authors).toEqual(['Minh An']);
        expect(a.attribution).toBe('Reuters');
        expect(a.extraction.authors).toBe('meta');
      },
    },
    {
      name: 'title, lead and tags from NFD text come out NFC',
      page: minimalPage({
        title: { value: 'Hà Nội tạo bước đột phá'.normalize('NFD'), from: 'meta' },
        lead: { value: 'KTÐT - Sáng 18/1'.normalize('NFD'), from: 'meta' },
        tags: { value: ['Hà Nội'.normalize('NFD'), ' '], from: 'meta' },
      }),
      check: (a) => {
        expect(a.title).toBe('Hà Nội tạo bước đột phá');
        expect(a.lead).toBe('Sáng 18/1');
        expect(a.tags).toEqual([{ name: 'Hà Nội', slug: 'ha-noi' }]);
      },
    },
    {
      name: 'aliases apply to topics, section keeps its own slug',
      page: minimalPage({ section: { value: 'Thủ đô', from: 'profile' }, tags: { value: ['Hanoi'], from: 'profile' } }),
      check: (a) => {
        expect(a.section).toEqual({ name: 'Thủ đô', slug: 'thu-do' });
        expect(a.topics).toEqual(['ha-noi']);
      },
    },
    {
      name: 'extraction says where each field came from',
      page: minimalPage({ lead: { value: 'Tóm tắt', from: 'meta' }, section: { value: 'Kinh tế', from: 'microdata' } }),
      check: (a) =>
        expect(a.extraction).toEqual({
          title: 'jsonld',
          lead: 'meta',
          authors: 'none',
          publishedAt: 'jsonld',
          updatedAt: 'none',
          section: 'microdata',
          tags: 'none',
          body: 'readability',
          images: 'none',
        }),
    },
    {
      name: 'fetchedAt from the context, language vi',
      page: minimalPage(),
      check: (a) => {
        expect(a.fetchedAt).toBe('2026-11-25T11:59:55+07:00');
        expect(a.language).toBe('vi');
        expect(a.source).toBe('kinhtedothi');
      },
    },
    {
      name: 'contentHash is sha256 of title, lead and text',
      page: minimalPage({ lead: { value: 'Tóm tắt', from: 'meta' } }),
      check: (a) => expect(a.contentHash).toBe(createHash('sha256').update('Tiêu đề\nTóm tắt\nNội dung.').digest('hex')),
    },
  ];
  it.each(cases)('$name', ({ page, check }) => {
    check(normalizeArticle(page, CTX));
  });

  it('gives the AMP, print, mobile and desktop copies one id', () => {
    const desktop = 'https://kinhtedothi.vn/bai-viet-1.html';
    const copies = [
      { fetchedUrl: desktop, canonicalUrl: null },
      { fetchedUrl: 'https://kinhtedothi.vn/amp/bai-viet-1.html', canonicalUrl: desktop },
      { fetchedUrl: 'https://kinhtedothi.vn/amp/bai-viet-1.html', canonicalUrl: null },
      { fetchedUrl: 'https://kinhtedothi.vn/bai-viet-1.html?print=1', canonicalUrl: null },
      { fetchedUrl: 'https://m.kinhtedothi.vn/bai-viet-1.html?utm_source=zalo', canonicalUrl: 'https://m.kinhtedothi.vn/bai-viet-1.html' },
    ];
    const ids = copies.map((c) => normalizeArticle(minimalPage(c), CTX));
    expect(new Set(ids.map((a) => a.id)).size).toBe(1);
    expect(new Set(ids.map((a) => a.url))).toEqual(new Set([desktop]));
  });

  it('changes contentHash when the body text changes, not when only markup does', () => {
    const a = normalizeArticle(minimalPage(), CTX);
    const markup = normalizeArticle(minimalPage({ body: { value: '<div class="x"><p><span>Nội dung.</span></p></div>', from: 'readability' } }), CTX);
    const edited = normalizeArticle(minimalPage({ body: { value: '<p>Nội dung đã sửa.</p>', from: 'readability' } }), CTX);
    expect(markup.contentHash).toBe(a.contentHash);
    expect(edited.contentHash).not.toBe(a.contentHash);
  });
});

describe('normalizeArticle: relative URLs in the body', () => {
  it('resolves them against the page as fetched (an AMP copy), not against its canonical URL', () => {
    const article = normalizeArticle(
      minimalPage({
        fetchedUrl: 'https://kinhtedothi.vn/amp/bai-viet-1.html',
        canonicalUrl: 'https://kinhtedothi.vn/bai-viet-1.html',
        body: { value: '<p>Nội dung bài viết, <a href="lien-quan.html">bài liên quan</a>.</p><figure><img src="anh/a.jpg"></figure>', from: 'profile' },
      }),
      CTX,
    );
    expect(article.url).toBe('https://kinhtedothi.vn/bai-viet-1.html');
    expect(article.images.map((i) => i.url)).toEqual(['https://kinhtedothi.vn/amp/anh/a.jpg']);
    expect(article.contentHtml).toContain('href="https://kinhtedothi.vn/amp/lien-quan.html"');
  });
});
