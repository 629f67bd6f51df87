/**
 * A stored record's stream fields (id, source, topics, category, storyId:
 * which streams it is listed in) read from its header line alone. WebSub
 * asks this of every article a run changed (which feeds to ping), and
 * decoding the whole record for it (inflate, both texts, articleSchema) cost
 * about 0.2 ms an article for fields it never looks at. A layout-1 record,
 * one JSON text, has no header: it is parsed whole, and the same fields
 * taken from it.
 *
 * The header is found as record-codec.ts lays it out (every layout but 1:
 * its first byte, the header's JSON, a newline; JSON.stringify never writes
 * a raw newline, so the first one ends it); the layout itself is asked of
 * the codec.
 */
import { z } from 'zod';
import { ARTICLE_ID, SLUG, topicRefSchema } from '../core/article.js';
import { CorruptRecordError } from '../core/errors.js';
import { recordLayout } from './record-codec.js';
import type { StreamFields } from './types.js';

const NEWLINE = 0x0a;

// The same rules articleSchema has for these fields, so a record reads here as it would whole.
const streamFieldsSchema = z.object({
  id: z.string().regex(ARTICLE_ID),
  source: z.string().min(1),
  topics: z.array(z.string().regex(SLUG)),
  // Records from before categories have none; before stories, no storyId (they are their own story).
  category: topicRefSchema.nullable().default(null),
  storyId: z.string().regex(ARTICLE_ID).optional(),
});

/** The header's JSON text (or a layout-1 record's whole JSON). */
function headerText(key: string, value: Buffer): string {
  if (recordLayout(value) === 1) return value.toString('utf8');
  const end = value.indexOf(NEWLINE, 1);
  if (end < 0) throw new CorruptRecordError(key, 'compact record without its header line');
  return value.toString('utf8', 1, end);
}

/** The stored value's stream fields; null for a missing key. Throws CorruptRecordError. */
export function decodeStreamFields(key: string, value: Buffer | null): StreamFields | null {
  if (value === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(headerText(key, value));
  } catch (error) {
    if (error instanceof CorruptRecordError) throw error;
    throw new CorruptRecordError(key, 'record header not JSON');
  }
  const parsed = streamFieldsSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CorruptRecordError(key, `header ${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
  }
  const { id, source, topics, category, storyId } = parsed.data;
  return { id, source, topics, category, storyId: storyId ?? id };
}
