/**
 * What extraction hands to normalization: the raw findings of one page,
 * each with where it was found. Nothing here is cleaned yet; normalization
 * owns every text, date, byline and HTML rule.
 */
import type { FieldSource } from '../core/article.js';

export interface Found<T> {
  value: T;
  from: FieldSource;
}

export interface ExtractedPage {
  /** The URL the page was fetched from (after redirects). */
  fetchedUrl: string;
  /** `link[rel=canonical]`, then `og:url`; absolute, as the page gives it. */
  canonicalUrl: string | null;
  title: Found<string> | null;
  lead: Found<string> | null;
  /** Byline text as printed (`Trần Long - Ảnh: Phạm Hùng`), or names from structured data. */
  byline: Found<string[]> | null;
  /** Date text as printed, or an ISO string from structured data. */
  published: Found<string> | null;
  updated: Found<string> | null;
  /** The last meaningful breadcrumb. */
  section: Found<string> | null;
  tags: Found<string[]> | null;
  /** This article's own links to event pages (`/su-kien/{id}/{slug}.html`). */
  events: { name: string; url: string }[];
  /** The article body as an HTML fragment, profile `strip` selectors already removed. */
  body: Found<string> | null;
  /** og:image or JSON-LD image: the lead image when the body has none. */
  leadImage: string | null;
}
