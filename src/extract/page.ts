/**
 * What extraction hands to normalization: for every field, the candidates
 * each finder read off the page (and discovery's hints), in order of trust.
 * Nothing here is cleaned or judged yet: normalization owns every text,
 * date, byline and HTML rule, and takes the first candidate that is valid.
 */
import type { FieldSource } from '../core/article.js';
import type { BodyTree } from './handed-body.js';

export interface Found<T> {
  value: T;
  from: FieldSource;
}

/** The fields finders look for, and the type of one candidate value of each. */
export interface FieldValues {
  title: string;
  lead: string;
  /** Byline text as printed (`Trần Long - Ảnh: Phạm Hùng`), or names from structured data. */
  byline: string[];
  /** Date text as printed, or an ISO string from structured data. */
  published: string;
  updated: string;
  /** A section name (the last meaningful breadcrumb). */
  section: string;
  tags: string[];
  /** A lead image URL as the page gives it (og:image, JSON-LD image). */
  image: string;
}

export type Field = keyof FieldValues;
export const FIELDS = ['title', 'lead', 'byline', 'published', 'updated', 'section', 'tags', 'image'] as const satisfies readonly Field[];

export type Candidates = { [F in Field]: Found<FieldValues[F]>[] };

/** What one finder read: its values per field, best first. */
export type Finding = { [F in Field]?: (FieldValues[F] | null | undefined)[] };

export interface ExtractedPage {
  /** The URL the page was fetched from (after redirects). */
  fetchedUrl: string;
  /** `link[rel=canonical]`, then `og:url`; absolute, as the page gives it. */
  canonicalUrl: string | null;
  candidates: Candidates;
  /** This article's own links to event pages (`/su-kien/{id}/{slug}.html`). */
  events: { name: string; url: string }[];
  /** The article body as an HTML fragment, profile `strip` selectors already removed. */
  body: Found<string> | null;
  /** JSON-LD blocks that did not parse even leniently: skipped, and counted by the caller. */
  unreadableJsonLd: number;
}

/** The page as readArticle takes it: the body still extract's tree, handed to normalize unserialized. */
export interface ExtractedTree extends Omit<ExtractedPage, 'body'> {
  body: Found<BodyTree>;
}
