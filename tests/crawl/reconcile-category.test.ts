import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/crawl/reconcile.js';
import { makeArticle } from '../support/articles.js';

describe('reconcile and categories', () => {
  it('gives an unchanged re-crawl the category the current mapping finds, keeping the stored record otherwise', () => {
    const stored = makeArticle(1, { category: null });
    const fresh = { ...stored, fetchedAt: '2026-03-01T00:00:00+07:00', category: { name: 'Kinh tế', slug: 'kinh-te' } };
    const kept = reconcile(stored, fresh);
    expect(kept.category).toEqual({ name: 'Kinh tế', slug: 'kinh-te' });
    expect(kept.fetchedAt).toBe(stored.fetchedAt);
    expect(reconcile(stored, { ...stored, fetchedAt: fresh.fetchedAt })).toBe(stored);
  });
});
