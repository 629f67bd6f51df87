/**
 * A stored record's stream fields (id, source, topics, category, storyId:
 * which streams it is listed in) read from its header line alone. WebSub
 * asks this of every article a run changed (which feeds to ping), and
 * decoding the whole record for it (inflate, both texts, articleSchema) cost
 * about 0.2 ms an article for fields it never looks at. A layout-1 record,
 * one JSON text, has no header: it is parsed whole, and the same fields
 * taken from it.
 *
 * The header is found and parsed by the codec (recordHeader), which lays it out.
 */
import { z } from 'zod';
import { ARTICLE_ID, SLUG, topicRefSchema } from '../core/article.js';
import { CorruptRecordError } from '../core/errors.js';
import { recordHeader } from './record-codec.js';
import type { StreamFields } from './types.js';

// The same rules articleSchema has for these fields, so a record reads here as it would whole.
const streamFieldsSchema = z.object({
  id: z.string().regex(ARTICLE_ID),
  source: z.string().min(1),
  topics: z.array(z.string().regex(SLUG)),
  // Records from before categories have none; before stories, no storyId (they are their own story).
  category: topicRefSchema.nullable().default(null),
  storyId: z.string().regex(ARTICLE_ID).optional(),
});

/** The stored value's stream fields; null for a missing key. Throws CorruptRecordError. */
export function decodeStreamFields(key: string, value: Buffer | null): StreamFields | null {
  if (value === null) return null;
  const parsed = streamFieldsSchema.safeParse(recordHeader(key, value));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CorruptRecordError(key, `header ${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
  }
  const { id, source, topics, category, storyId } = parsed.data;
  return { id, source, topics, category, storyId: storyId ?? id };
}
