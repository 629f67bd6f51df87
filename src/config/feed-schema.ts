import { z } from 'zod';
import { SLUG } from '../core/article.js';
import { words } from '../core/words.js';

const slug = z.string().regex(SLUG, 'must be an ASCII slug (a-z, 0-9, hyphens)');

/** A keyword or phrase: matched whole-word and diacritic-blind over title and lead, so it needs a letter or digit. */
const keyword = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((k) => words(k).length > 0, { message: 'has no letters or digits to match' });
const author = z.string().trim().min(1, 'must not be empty');

/** What a rule names; include and exclude take the same lists. */
const ruleLists = {
  topics: z.array(slug).default([]),
  sources: z.array(slug).default([]),
  categories: z.array(slug).default([]),
  /** Byline names, compared without diacritics or case. */
  authors: z.array(author).default([]),
  keywords: z.array(keyword).default([]),
};

const total = (r: { topics: string[]; sources: string[]; categories: string[]; authors: string[]; keywords: string[] }): number =>
  r.topics.length + r.sources.length + r.categories.length + r.authors.length + r.keywords.length;

export const feedRuleSchema = z.object(ruleLists).strict();
export type FeedRule = z.infer<typeof feedRuleSchema>;

/** A curated feed this service publishes: one YAML file under feeds/. */
export const feedFileSchema = z
  .object({
    slug,
    title: z.string().min(1),
    description: z.string().min(1),
    /** `all`, or what the feed takes in: an article matching any one list is in. */
    include: z.union([
      z.literal('all'),
      feedRuleSchema.refine((i) => total(i) > 0, { message: 'names no topic, source, category, author or keyword' }),
    ]),
    /** What the feed drops even when `include` takes it in: an article matching any one list is out. */
    exclude: feedRuleSchema.default({ topics: [], sources: [], categories: [], authors: [], keywords: [] }),
  })
  .strict();

export type FeedFile = z.infer<typeof feedFileSchema>;
export type FeedConfig = FeedFile & { file: string };
