/**
 * Which fields of a stored article count toward its source's drift window:
 * only fields the profile has selectors for, and only when the field was
 * found at all (title, body and date always).
 */
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { loadConfig, type SiteProfile } from '../../src/config/index.js';
import { coveredFields, profileObservation } from '../../src/crawl/index.js';
import { makeArticle } from '../support/articles.js';
import { ROOT } from '../support/config-copy.js';

let profile: SiteProfile;
beforeAll(async () => {
  const config = await loadConfig({ configDir: path.join(ROOT, 'config'), feedsDir: path.join(ROOT, 'feeds') });
  profile = config.sources.find((s) => s.id === 'kinhtedothi')?.profile as SiteProfile;
});

it('tracks the fields the shipped profile has selectors for, never updatedAt or images', () => {
  expect(coveredFields(profile)).toEqual(['title', 'lead', 'authors', 'publishedAt', 'section', 'tags', 'body']);
});

it('leaves out a field the profile has no selector for; a sign-off selector alone covers the authors', () => {
  const bare = { ...profile, breadcrumb: [], tags: [], byline: [] };
  expect(coveredFields(bare)).toEqual(['title', 'lead', 'authors', 'publishedAt', 'body']);
  expect(coveredFields({ ...bare, signoff: [] })).toEqual(['title', 'lead', 'publishedAt', 'body']);
});

it('counts a field found by a fallback as a miss, and a field found nowhere not at all', () => {
  const article = makeArticle(1, {
    extraction: {
      title: 'jsonld',
      lead: 'profile',
      authors: 'none',
      publishedAt: 'profile',
      updatedAt: 'none',
      section: 'profile',
      tags: 'none',
      body: 'readability',
      images: 'none',
    },
  });
  const { outcomes } = profileObservation(profile, article);
  expect(outcomes).toEqual([
    ['title', false],
    ['lead', true],
    ['publishedAt', true],
    ['section', true],
    ['body', false],
  ]);
});

it('counts title, body and date even when nothing found them', () => {
  const article = makeArticle(2);
  const { outcomes } = profileObservation(profile, { extraction: { ...article.extraction, publishedAt: 'none', body: 'none' } });
  expect(outcomes).toContainEqual(['publishedAt', false]);
  expect(outcomes).toContainEqual(['body', false]);
});
