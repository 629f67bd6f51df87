import { z } from 'zod';
import { SLUG } from '../core/article.js';

const slug = z.string().regex(SLUG, 'must be an ASCII slug (a-z, 0-9, hyphens)');

/** A curated feed this service publishes: one YAML file under feeds/. */
export const feedFileSchema = z
  .object({
    slug,
    title: z.string().min(1),
    description: z.string().min(1),
    /** `all`, or the topics and/or sources whose articles the feed takes in. */
    include: z.union([
      z.literal('all'),
      z
        .object({
          topics: z.array(slug).default([]),
          sources: z.array(slug).default([]),
        })
        .strict()
        .refine((i) => i.topics.length + i.sources.length > 0, { message: 'names no topic and no source' }),
    ]),
  })
  .strict();

export type FeedFile = z.infer<typeof feedFileSchema>;
export type FeedConfig = FeedFile & { file: string };
