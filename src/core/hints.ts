/**
 * What discovery learned about a URL before fetching it: the title, date and
 * section that a feed item, a news sitemap entry or a listing printed beside
 * the link. They travel with the article job (through Redis, so they are
 * validated like any input) and are the candidates tried after the page's own.
 */
import { z } from 'zod';

export const linkHintsSchema = z
  .object({
    title: z.string().nullable().default(null),
    /** As printed or as the feed gave it; normalization parses it like any other date. */
    published: z.string().nullable().default(null),
    section: z.string().nullable().default(null),
  })
  .strict();

export type LinkHints = z.infer<typeof linkHintsSchema>;

export const NO_HINTS: LinkHints = { title: null, published: null, section: null };
