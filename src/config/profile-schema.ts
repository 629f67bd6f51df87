/**
 * A site profile: declarative extraction rules for one CMS. Adding a site is
 * a YAML file, not code. Every selector field is an ordered list; the first
 * selector that matches wins, and a field with no match falls back to the
 * generic extractors (JSON-LD, meta, microdata, readability).
 */
import { z } from 'zod';
import { layoutProblem } from '../core/date-layouts.js';
import { httpUrl } from './url-ref.js';

/** A CSS selector list; the first selector that matches something wins. */
const selectors = z.array(z.string().min(1)).default([]);

/** A regular expression given as a string in YAML; validated by compiling it. */
export const regexString = z.string().refine(
  (s) => {
    try {
      new RegExp(s, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid regular expression' },
);

export const profileCaseSchema = z
  .object({
    /** Saved page, relative to the YAML file that declares the case. */
    fixture: z.string().min(1),
    /** The URL the page was fetched from. */
    url: httpUrl,
    /**
     * When the page was saved (ISO 8601 with offset): the case is read as of
     * then, so a page dated after the fixed case time still reads its date.
     * Default: CASE_TIME_MS.
     */
    fetchedAt: z.iso.datetime({ offset: true }).optional(),
    /**
     * Expected values of named record fields (exact match; strings in
     * `contentText` are substrings). `error: not-an-article` expects the page
     * to be rejected.
     */
    expect: z.record(z.string(), z.unknown()),
  })
  .strict();

export const profileSchema = z
  .object({
    title: selectors,
    lead: selectors,
    body: selectors,
    published: selectors,
    updated: selectors,
    /** Byline elements above or below the body (`span.name_author`). */
    byline: selectors,
    /**
     * Byline printed as the body's last paragraph (a right-aligned `<p>`):
     * added to what `byline` finds, and always cut from the body so it does
     * not end up in the text.
     */
    signoff: selectors,
    tags: selectors,
    breadcrumb: selectors,
    /** This article's own "Dòng sự kiện" links, never the site-wide ticker. */
    events: selectors,
    /** Removed from the page before extraction: related boxes, ads, share bars, the ticker. */
    strip: selectors,
    /** Blocks removed by their heading text (`Tin liên quan`, `Xem thêm`), case-insensitive. */
    stripText: z.array(z.string().min(1)).default([]),
    /** Present on the page = the article is behind a login or paywall. */
    paywall: selectors,
    /**
     * Date layouts this site prints, tried before the built-in table
     * (`DD/MM/YYYY HH:mm`, `HH[g]mm [ngày] DD/MM/YYYY`; tokens in core/date-layouts.ts).
     */
    dateFormats: z
      .array(
        z.string().superRefine((layout, ctx) => {
          const problem = layoutProblem(layout);
          if (problem !== null) ctx.addIssue({ code: 'custom', message: `date layout "${layout}" ${problem}` });
        }),
      )
      .default([]),
    /** Dateline prefixes removed from the lead, e.g. `^Kinhtedothi\s*-\s*`. */
    datelines: z.array(regexString).default([]),
    listing: z
      .object({
        /** Links to articles on a section listing page. */
        links: selectors,
        /** The "next page" link of a listing. */
        next: selectors,
      })
      .strict()
      .default({ links: [], next: [] }),
    /** Which same-site links are articles (a regex on the URL path). */
    articleUrl: regexString.default('\\.html?$'),
    /** URL paths that are never articles even when they look like one (event and tag pages). */
    nonArticleUrls: z.array(regexString).default([]),
    cases: z.array(profileCaseSchema).default([]),
  })
  .strict();

export type SiteProfile = z.infer<typeof profileSchema>;
export type ProfileCase = z.infer<typeof profileCaseSchema>;
