import { z } from 'zod';
import { SLUG } from '../core/article.js';
import type { CategoryRules } from './categories.js';
import { cronProblem } from './cron.js';
import { profileSchema, regexString } from './profile-schema.js';
import { httpUrl, urlRef } from './url-ref.js';

const slug = z.string().regex(SLUG, 'must be an ASCII slug (a-z, 0-9, hyphens)');

/** A cron expression node-cron runs, with every field in its range. */
const cronExpression = z.string().superRefine((expr, ctx) => {
  const problem = cronProblem(expr);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: `"${expr}" ${problem}` });
});

/** Where every source so far publishes; ICU lists it under its older name, Asia/Saigon, and takes both. */
const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh';

/**
 * The zones ICU lists, asked once, and the default are looked up before a DateTimeFormat is built to try the
 * name: the first DateTimeFormat a process builds costs ~50 ms and 6 MB of ICU data made resident, which a
 * role that formats no date at start (a worker waiting for work) paid only to check its config (bench:idle).
 */
let knownZones: ReadonlySet<string> | null = null;
function isTimeZone(tz: string): boolean {
  knownZones ??= new Set([...Intl.supportedValuesOf('timeZone'), DEFAULT_TIMEZONE]);
  if (knownZones.has(tz)) return true;
  // Another alias (`Asia/Kolkata`) or spelling: whatever a DateTimeFormat takes, as before.
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const timezone = z.string().refine(isTimeZone, { message: 'is not an IANA time zone' });

export const scheduleSchema = z
  .object({
    cron: cronExpression,
    timezone: timezone.default(DEFAULT_TIMEZONE),
    /** Spread fires of many sources over this many seconds after the slot. */
    maxRandomDelaySeconds: z.number().int().min(0).max(3600).default(0),
  })
  .strict();

export const RETENTION_MODES = ['trim', 'drop'] as const;
export type RetentionMode = (typeof RETENTION_MODES)[number];

/**
 * How long a source's articles are kept whole (store/retention.ts). `days`: counted from publication; null keeps
 * them forever whatever BANTIN_RETENTION_DAYS says. `mode`: `trim` keeps metadata, lead and link, `drop` removes the article.
 */
export const retentionSchema = z
  .object(
    {
      days: z
        .number({ error: 'must be a whole number of days (≥ 1), or null to keep articles forever' })
        .int('must be a whole number of days (≥ 1), or null to keep articles forever')
        .min(1, 'must be a whole number of days (≥ 1), or null to keep articles forever')
        .max(36_500, 'must be at most 36500 days (100 years); null keeps articles forever')
        .nullable(),
      mode: z
        .enum(RETENTION_MODES, { error: 'must be trim (keep metadata, lead and link) or drop (remove the article)' })
        .default('trim'),
    },
    { error: 'must be a map such as { days: 90, mode: trim }' },
  )
  .strict();
export type RetentionConfig = z.infer<typeof retentionSchema>;

export const sourceFileSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    baseUrl: httpUrl,
    /**
     * The real site's host (`kinhtedothi.vn`): canonical links on it (or on
     * its host family) are trusted even when baseUrl is a mirror or a local
     * copy, so ids stay the real site's. Default: baseUrl's host.
     */
    site: z
      .string()
      .regex(/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/, 'must be a lowercase host name such as kinhtedothi.vn')
      .optional(),
    /** Zone of dates the site prints without one. */
    timezone: timezone.default(DEFAULT_TIMEZONE),
    schedule: scheduleSchema,
    discovery: z
      .object({
        feeds: z.array(urlRef).default([]),
        listings: z.array(urlRef).default([]),
        sitemaps: z.array(urlRef).default([]),
        /** Listing pages walked per listing per run (pagination bound). */
        maxListingPages: z.number().int().min(1).max(1000).default(3),
        /** Article pages fetched per run at most; the rest wait for the next run. */
        maxArticlesPerRun: z.number().int().min(1).max(100_000).default(200),
        /** "Dòng sự kiện": the site's event list page and which paths are event pages. */
        events: z
          .object({
            /** The page listing the site's events; absolute or relative to baseUrl. Null: only events linked from feeds/listings. */
            list: urlRef.nullable().default(null),
            /** Which same-site paths are event pages (never articles). */
            pattern: regexString.default('/su-kien/\\d+/[^/]+\\.html?$'),
            /** Event pages walked per run at most. */
            maxEvents: z.number().int().min(0).max(1000).default(20),
            /**
             * Walk event pages on this schedule of their own (same timezone as
             * the source's); null: in every run of the source.
             */
            cron: cronExpression.nullable().default(null),
          })
          .strict()
          .refine((e) => e.cron === null || e.list !== null, {
            message: 'a schedule of its own (cron) needs the event list page (list) to start from',
          })
          .default({ list: null, pattern: '/su-kien/\\d+/[^/]+\\.html?$', maxEvents: 20, cron: null }),
      })
      .strict()
      .refine((d) => d.feeds.length + d.listings.length + d.sitemaps.length > 0, {
        message: 'needs at least one feed, listing or sitemap',
      }),
    politeness: z
      .object({
        minIntervalMs: z.number().int().min(0).default(1000),
        concurrency: z.number().int().min(1).max(64).default(2),
        /** Hosts this source may fetch even when they resolve to private addresses (an intranet mirror). */
        allowHosts: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ minIntervalMs: 1000, concurrency: 2, allowHosts: [] }),
    /** Map other spellings of a topic to one slug, e.g. `hanoi: ha-noi`. */
    topicAliases: z.record(z.string(), slug).default({}),
    /**
     * The site's own words for its sections onto config/taxonomy.yaml:
     * `sections` maps section or breadcrumb words (`Tài chính - Ngân hàng:
     * tai-chinh`, compared without diacritics or case), `paths` URL path
     * prefixes (`/bat-dong-san: bat-dong-san`). A section named like a
     * category needs no line; an article neither places is put by the
     * taxonomy's keyword table, else left without a category.
     */
    categories: z
      .object({
        sections: z.record(z.string().min(1), slug).default({}),
        // Keys checked here rather than by the record's key schema, whose error would not say what is wrong.
        paths: z
          .record(z.string(), slug)
          .superRefine((paths, ctx) => {
            for (const prefix of Object.keys(paths)) {
              if (!prefix.startsWith('/')) ctx.addIssue({ code: 'custom', path: [prefix], message: 'must be a URL path starting with /' });
            }
          })
          .default({}),
      })
      .strict()
      .default({ sections: {}, paths: {} }),
    profile: profileSchema,
    /** Absent: BANTIN_RETENTION_DAYS and BANTIN_RETENTION_MODE decide (unset: kept forever). */
    retention: retentionSchema.optional(),
  })
  .strict()
  // The real site defaults to baseUrl's host, so every parsed source names one.
  .transform((source) => ({ ...source, site: source.site ?? new URL(source.baseUrl).hostname.toLowerCase() }));

export type SourceFile = z.infer<typeof sourceFileSchema>;

/** A loaded source: every URL absolute, resolved against baseUrl. */
export type SourceConfig = SourceFile & {
  /** The YAML file it came from, for error messages and profile fixtures. */
  file: string;
  /** `categories` resolved against the taxonomy by the loader; absent on a source built by hand (its articles get no category). */
  categoryRules?: CategoryRules;
};
