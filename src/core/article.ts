/**
 * The article record: the one strict type every stage after normalization
 * uses. The zod schema is the single definition; the TypeScript type is
 * inferred from it, and the store re-validates every record it reads back
 * from Redis against it, so a stale or hand-edited key cannot leak a
 * malformed record into a feed.
 */
import { z } from 'zod';

/** ISO 8601 with the Vietnamese offset, e.g. `2019-01-18T17:39:00+07:00`. */
export const VN_ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+07:00$/;
const isoDate = z.string().regex(VN_ISO_DATE, 'must be ISO 8601 with +07:00');

/** ASCII, lowercase, hyphen-separated: what `slugify` produces. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string().regex(SLUG, 'must be an ASCII slug');

export const CREDIT_ROLES = ['photo', 'video', 'graphics', 'design', 'content'] as const;
export type CreditRole = (typeof CREDIT_ROLES)[number];

/** How a field was found; operators watch these to see a profile going stale. */
export const FIELD_SOURCES = [
  'profile',
  'jsonld',
  'meta',
  'microdata',
  'time',
  'readability',
  /** The URL's own date (`/2019/11/18/`). */
  'url',
  /** What a feed item, news sitemap entry or listing said about the URL. */
  'discovery',
  'fetch',
  /** No date anywhere: publishedAt is when bantin first saw the article. */
  'first-seen',
  'none',
] as const;
export type FieldSource = (typeof FIELD_SOURCES)[number];

export const EXTRACTED_FIELDS = ['title', 'lead', 'authors', 'publishedAt', 'updatedAt', 'section', 'tags', 'body', 'images'] as const;
export type ExtractedField = (typeof EXTRACTED_FIELDS)[number];

const fieldSource = z.enum(FIELD_SOURCES);

export const ARTICLE_ID = /^[a-z0-9]{16}$/;
const articleIdSchema = z.string().regex(ARTICLE_ID);

export const topicRefSchema = z.object({ name: z.string().min(1), slug });
export type TopicRef = z.infer<typeof topicRefSchema>;

export const imageSchema = z.object({
  url: z.url(),
  caption: z.string().nullable(),
});
export type ArticleImage = z.infer<typeof imageSchema>;

export const creditSchema = z.object({ role: z.enum(CREDIT_ROLES), name: z.string().min(1) });
export type Credit = z.infer<typeof creditSchema>;

export const articleSchema = z
  .object({
    /** Stable id derived from the canonical URL (see normalize/identity). */
    id: articleIdSchema,
    /**
     * The story this article is a copy of: the id of the story's first stored copy, its own id when no other
     * stored article tells the same story (store/stories). Records stored before stories read as their own story.
     */
    storyId: articleIdSchema.optional(),
    /** Canonical URL: the AMP, print, mobile and desktop copies share it. */
    url: z.url(),
    /** The source config id this article was crawled from. */
    source: slug,
    title: z.string().min(1),
    /** The lead paragraph, dateline prefix removed. */
    lead: z.string(),
    authors: z.array(z.string().min(1)),
    credits: z.array(creditSchema),
    /** The agency credited ("Theo TTXVN" → `TTXVN`, "(theo Reuters)" → `Reuters`), never an author. */
    attribution: z.string().nullable(),
    publishedAt: isoDate,
    /** Set from the page, or from the fetch time when a re-crawl finds new content. */
    updatedAt: isoDate.nullable(),
    section: topicRefSchema.nullable(),
    tags: z.array(topicRefSchema),
    /** Slugs of section, tags, events and the places named (normalize/places), deduplicated: the per-topic feeds. */
    topics: z.array(slug),
    /** The shared taxonomy's category (config/taxonomy.yaml); records stored before categories existed read as null. */
    category: topicRefSchema.nullable().default(null),
    contentHtml: z.string(),
    contentText: z.string(),
    images: z.array(imageSchema),
    language: z.literal('vi'),
    /** sha256 hex over normalized title + lead + body text. */
    contentHash: z.string().regex(/^[a-f0-9]{64}$/),
    fetchedAt: isoDate,
    extraction: z.record(z.enum(EXTRACTED_FIELDS), fieldSource),
    /**
     * Set when retention trimmed the record (store/retention.ts): its body is gone, contentHtml and contentText
     * hold the lead and the link to the original (core/trim.ts). Absent on a full record.
     */
    trimmedAt: isoDate.optional(),
  })
  .strict()
  .transform((a) => ({ ...a, storyId: a.storyId ?? a.id }));

/** Output type: `storyId` is always set once parsed. */
export type Article = z.infer<typeof articleSchema>;

/** The time an article last changed: what feeds use for `updated`/`lastBuildDate`. */
export function modifiedAt(article: Pick<Article, 'publishedAt' | 'updatedAt'>): string {
  return article.updatedAt ?? article.publishedAt;
}

/**
 * The display name the record gives each of its topics (its section's over a tag's), then `known`'s
 * (normalize's gazetteer names: a place found only in the text has no tag naming it), the slug where neither does.
 * `known` is passed in so core need not import normalize.
 */
export function topicNames(
  article: Pick<Article, 'topics' | 'tags' | 'section'>,
  known: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const names = new Map<string, string>();
  for (const t of article.tags) names.set(t.slug, t.name);
  if (article.section) names.set(article.section.slug, article.section.name);
  return new Map(article.topics.map((slug) => [slug, names.get(slug) ?? known.get(slug) ?? slug]));
}
