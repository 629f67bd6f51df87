import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/crawl/index.js';
import { makeArticle } from '../support/articles.js';

describe('re-crawl reconciliation', () => {
  const stored = makeArticle(1, { fetchedAt: '2026-01-01T08:00:00+07:00' });

  it('stores a first crawl as it is', () => {
    const fresh = makeArticle(1);
    expect(reconcile(null, fresh)).toBe(fresh);
  });

  it('changes nothing when the content hash is the same', () => {
    const fresh = makeArticle(1, { fetchedAt: '2026-02-01T08:00:00+07:00' });
    expect(reconcile(stored, fresh)).toBe(stored);
  });

  it('keeps the record but learns a new topic, such as an event listing it', () => {
    const fresh = makeArticle(1, { topics: ['ha-noi', 'ky-hop-thu-9'] });
    const merged = reconcile(stored, fresh);
    expect(merged.topics).toEqual(['ha-noi', 'ky-hop-thu-9']);
    expect(merged.fetchedAt).toBe(stored.fetchedAt);
    expect(merged.updatedAt).toBeNull();
  });

  it('takes changed content and stamps updatedAt with the fetch time when the page gives none', () => {
    const fresh = makeArticle(1, { title: 'Tiêu đề đã sửa', contentHash: 'a'.repeat(64), fetchedAt: '2026-02-01T08:00:00+07:00' });
    const merged = reconcile(stored, fresh);
    expect(merged.title).toBe('Tiêu đề đã sửa');
    expect(merged.updatedAt).toBe('2026-02-01T08:00:00+07:00');
    expect(merged.id).toBe(stored.id);
  });

  it("prefers the page's own updated time", () => {
    const fresh = makeArticle(1, { contentHash: 'b'.repeat(64), updatedAt: '2026-01-20T10:00:00+07:00' });
    expect(reconcile(stored, fresh).updatedAt).toBe('2026-01-20T10:00:00+07:00');
  });

  it('keeps the first-seen date of an undated article when its content changes', () => {
    const firstSeen = makeArticle(1, { publishedAt: '2026-01-01T08:00:00+07:00', fetchedAt: '2026-01-01T08:00:00+07:00' });
    const undated = { ...firstSeen, extraction: { ...firstSeen.extraction, publishedAt: 'first-seen' as const } };
    const fresh = makeArticle(1, { contentHash: 'c'.repeat(64), publishedAt: '2026-02-01T08:00:00+07:00', fetchedAt: '2026-02-01T08:00:00+07:00' });
    const merged = reconcile(undated, { ...fresh, extraction: { ...fresh.extraction, publishedAt: 'first-seen' } });
    expect(merged.publishedAt).toBe('2026-01-01T08:00:00+07:00');
    expect(merged.extraction.publishedAt).toBe('first-seen');
    expect(merged.updatedAt).toBe('2026-02-01T08:00:00+07:00');
  });
});
