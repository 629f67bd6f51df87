/**
 * The fields `sources add` learns a selector for, the profile key each is
 * written under, and the record's `extraction` entry that says where the
 * value came from.
 */
import type { ExtractedField } from '../core/article.js';

export const LEARNED_FIELDS = ['title', 'lead', 'byline', 'published', 'section', 'tags', 'body'] as const;
export type LearnedField = (typeof LEARNED_FIELDS)[number];

export type ProfileKey = 'title' | 'lead' | 'byline' | 'published' | 'breadcrumb' | 'tags' | 'body';

export const PROFILE_KEY: Record<LearnedField, ProfileKey> = {
  title: 'title',
  lead: 'lead',
  byline: 'byline',
  published: 'published',
  section: 'breadcrumb',
  tags: 'tags',
  body: 'body',
};

export const EXTRACTION_KEY: Record<LearnedField, ExtractedField> = {
  title: 'title',
  lead: 'lead',
  byline: 'authors',
  published: 'publishedAt',
  section: 'section',
  tags: 'tags',
  body: 'body',
};
