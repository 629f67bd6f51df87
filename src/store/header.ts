/**
 * What the index steps need of a stored record: the fields of its header
 * (record-codec.ts), as the store's scripts hand them back (a layout-2
 * record's header line, a layout-1 record's whole JSON), validated here.
 * From it come the streams the record belongs in and its score.
 */
import { z } from 'zod';
import { ARTICLE_ID, SLUG } from '../core/article.js';
import { CorruptRecordError } from '../core/errors.js';
import { isoToMs } from '../core/time.js';
import { articleStreams, streamName } from './keys.js';
import type { Stream } from './types.js';

const headerSchema = z.object({
  id: z.string().regex(ARTICLE_ID),
  url: z.string().min(1),
  source: z.string().min(1),
  topics: z.array(z.string().regex(SLUG)),
  // Records from before categories have none; before stories, no storyId (they are their own story).
  category: z.object({ slug: z.string().regex(SLUG) }).nullable().default(null),
  storyId: z.string().regex(ARTICLE_ID).optional(),
  publishedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
});

export interface RecordHeader {
  id: string;
  url: string;
  /** Stream names (keys.ts streamName) the record is listed in. */
  streams: string[];
  storyId: string;
  /** Its index score: publication time, epoch ms. */
  score: number;
}

export function parseHeader(key: string, text: string): RecordHeader {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CorruptRecordError(key, 'record header not JSON');
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CorruptRecordError(key, `header ${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
  }
  const h = parsed.data;
  const storyId = h.storyId ?? h.id;
  const category = h.category ? { name: h.category.slug, slug: h.category.slug } : null;
  return {
    id: h.id,
    url: h.url,
    streams: articleStreams({ id: h.id, source: h.source, topics: h.topics, category, storyId }).map(streamName),
    storyId,
    score: isoToMs(h.publishedAt),
  };
}

/** The same placement: listed in the same streams at the same score. */
export function samePlacement(a: RecordHeader, b: RecordHeader): boolean {
  return a.score === b.score && a.storyId === b.storyId && a.streams.length === b.streams.length && a.streams.every((s, i) => s === b.streams[i]);
}

/** Whether a record read back for a stream's index really is in that stream (an index entry left over is not shown). */
export function listedIn(article: { id: string; storyId: string; source: string; topics: string[]; category: { slug: string } | null }, stream: Stream): boolean {
  switch (stream.kind) {
    case 'all':
      return true;
    case 'source':
      return article.source === stream.id;
    case 'topic':
      return article.topics.includes(stream.slug);
    case 'category':
      return article.category?.slug === stream.slug;
    case 'story':
      return article.storyId === stream.id;
  }
}

/** The headers a marker or step 1 handed back, one a line; one that cannot be read is told to `onCorrupt` and left out. */
export function parseHeaders(key: string, text: string, onCorrupt: (error: CorruptRecordError) => void): RecordHeader[] {
  const out: RecordHeader[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      out.push(parseHeader(key, line));
    } catch (error) {
      if (!(error instanceof CorruptRecordError)) throw error;
      onCorrupt(error);
    }
  }
  return out;
}

const urlListSchema = z.array(z.string());

/** A remove's URLs as its script wrote them (a JSON array). */
export function parseUrlList(key: string, text: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CorruptRecordError(key, 'URL list not JSON');
  }
  // Lua's cjson writes an empty table as {}.
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && Object.keys(json).length === 0) return [];
  const parsed = urlListSchema.safeParse(json);
  if (!parsed.success) throw new CorruptRecordError(key, 'URL list not an array of strings');
  return parsed.data;
}
