/**
 * Valid Article records for tests that need stored data without running
 * extraction. Each call differs by `n`; override any field.
 */
import { createHash } from 'node:crypto';
import { articleSchema, type Article } from '../../src/core/article.js';
import { toVnIso } from '../../src/core/time.js';

const BASE_MS = Date.parse('2026-01-01T00:00:00+07:00');

export function makeArticle(n: number, overrides: Partial<Article> = {}): Article {
  const url = overrides.url ?? `https://kinhtedothi.vn/bai-viet-so-${n}.html`;
  const id = createHash('sha256').update(url).digest('hex').slice(0, 16);
  const title = overrides.title ?? `Bài viết số ${n} về Hà Nội`;
  const base: Article = {
    id,
    storyId: overrides.id ?? id,
    url,
    source: 'kinhtedothi',
    title,
    lead: `Tóm tắt bài ${n}.`,
    authors: ['Trần Long'],
    credits: [],
    attribution: null,
    publishedAt: toVnIso(BASE_MS + n * 60_000),
    updatedAt: null,
    section: { name: 'Hà Nội', slug: 'ha-noi' },
    tags: [],
    topics: ['ha-noi'],
    category: null,
    contentHtml: `<p>Nội dung bài ${n}.</p>`,
    contentText: `Nội dung bài ${n}.`,
    images: [],
    language: 'vi',
    contentHash: createHash('sha256').update(`${title}\n${n}`).digest('hex'),
    fetchedAt: toVnIso(BASE_MS + n * 60_000 + 5_000),
    extraction: {
      title: 'profile',
      lead: 'profile',
      authors: 'profile',
      publishedAt: 'profile',
      updatedAt: 'none',
      section: 'profile',
      tags: 'none',
      body: 'profile',
      images: 'none',
    },
  };
  return articleSchema.parse({ ...base, ...overrides, id: overrides.id ?? id });
}
