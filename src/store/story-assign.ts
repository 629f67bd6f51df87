/**
 * Which story an article about to be stored belongs to. A stored article
 * keeps the story it has (syndicators link story ids); a new one joins the
 * story of the most similar stored first copy its bands point at, if their
 * shingles are close enough (story-fingerprint.ts sameStory), or starts its
 * own. Two workers storing two copies of one new story in the
 * same instant may start two stories: the bands are claimed after the
 * records, and nothing merges stories later.
 */
import { z } from 'zod';
import { ARTICLE_ID, type Article } from '../core/article.js';
import { CorruptRecordError } from '../core/errors.js';
import { getBuffers, sendTogether } from '../redis/batch.js';
import type { RedisClient } from '../redis/client.js';
import type { KeySchema } from './keys.js';
import { rawRecord } from './record-codec.js';
import { RECORD_LUA } from './record-codec.js';
import { bandHits, bandLevel, bandLookupCommand } from './story-bands.js';
import { fingerprint, sameStory, shingleSet, storyText } from './story-fingerprint.js';

/**
 * The story id a stored record already has (its own id for records from before stories), without shipping the
 * record; and, for the upsert that follows (atomic-upsert.ts), the record's header and whether a pending marker
 * is there. KEYS[1] the record, KEYS[2] its marker (same slot). Returns {storyId or '', 1 when the record names
 * its story, header or '', 1 when marked}.
 */
const STORED_STORY_SCRIPT = `${RECORD_LUA}
local marked = redis.call('EXISTS', KEYS[2])
local r = redis.call('GET', KEYS[1])
if not r then return { '', 0, '', marked } end
-- Either layout (record-codec.ts): storyId and id are in a new record's header.
local d = readRecord(r)
if type(d.storyId) == 'string' then return { d.storyId, 1, headerText(r), marked } end
return { d.id, 0, headerText(r), marked }
`;

/**
 * A stored story is compared only if it shares this many bands: one shared band is often a common phrase
 * (3,007 different-story pairs of the bench corpus share one of six bands, 139 share two), and every
 * same-story pair of that corpus shares at least two. The comparison reads whole records, so this is
 * most of the time a story costs.
 */
const MIN_SHARED_BANDS = 2;
/** At most this many candidates are compared, most shared bands first. */
const MAX_CANDIDATES = 3;

/** What the comparison reads of a candidate: the fields it needs, validated; the full record is the store's to check. */
const candidateSchema = z.object({ id: z.string().regex(ARTICLE_ID), storyId: z.string().regex(ARTICLE_ID).optional(), lead: z.string(), contentText: z.string() });

export interface StoryAssignment {
  storyId: string;
  outcome: 'kept' | 'joined' | 'started';
  /** Set when the article starts a story: its bands, to be written once the record is stored. */
  newStoryBands: string[];
  /** Stories with bands when this one looked: where its bands go. */
  stories: number;
  /** The stored record's header as its scripts give it ('' when none), and whether a pending marker was there, as read. */
  stored: { header: string; marked: boolean };
}

export interface StoryAssignDeps {
  redis: RedisClient;
  k: KeySchema;
  /** The highest band level this store has seen: lookups ask every level up to it in the first round trip. */
  levels: { top: number };
}

function candidateText(key: string, value: Buffer | null): { storyId: string; text: string } | null {
  if (value === null) return null;
  try {
    const c = candidateSchema.safeParse(rawRecord(key, value));
    return c.success ? { storyId: c.data.storyId ?? c.data.id, text: storyText(c.data) } : null;
  } catch (error) {
    // Unreadable: the store's own reads report the corrupt record; here it is simply no match.
    if (error instanceof CorruptRecordError) return null;
    throw error;
  }
}

export async function assignStory({ redis, k, levels }: StoryAssignDeps, article: Article): Promise<StoryAssignment> {
  const fp = fingerprint(storyText(article));
  const known = levels.top;
  // The record's slot and the bands' slot: one pipeline on a single Redis, two commands at once on a cluster.
  const [answer, bandAnswer] = await sendTogether(redis, [
    ['EVAL', STORED_STORY_SCRIPT, 2, k.article(article.id), k.articlePending(article.id)],
    bandLookupCommand(k, fp.bands, 0, known),
  ]);
  if (!Array.isArray(answer) || typeof answer[0] !== 'string' || typeof answer[2] !== 'string') throw new TypeError('stored-story read answered something else than its script returns');
  const stored = { header: answer[2], marked: answer[3] === 1 };
  const first = bandHits(bandAnswer);
  const stories = first.stories;
  if (answer[0] !== '') {
    // A record from before stories gets its bands on its next store, so later copies can find it.
    const legacy = answer[1] !== 1 && answer[0] === article.id;
    return { storyId: answer[0], outcome: 'kept', newStoryBands: legacy ? fp.bands : [], stories, stored };
  }
  const top = fp.bands.length > 0 ? bandLevel(stories, fp.bands.length) : 0;
  const shared = first.shared;
  if (top > known) {
    levels.top = top;
    const [moreAnswer] = await sendTogether(redis, [bandLookupCommand(k, fp.bands, known + 1, top)]);
    for (const [id, n] of bandHits(moreAnswer).shared) shared.set(id, (shared.get(id) ?? 0) + n);
  }
  const candidates = [...shared.entries()]
    .filter(([id, n]) => id !== article.id && n >= MIN_SHARED_BANDS)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_CANDIDATES)
    .map(([id]) => id);
  if (candidates.length > 0) {
    const values = await getBuffers(redis, candidates.map((id) => k.article(id)));
    let best: { storyId: string; score: number } | null = null;
    for (const [i, value] of values.entries()) {
      const copy = candidateText(k.article(candidates[i] as string), value);
      if (!copy) continue;
      const { same, score } = sameStory(fp.shingles, shingleSet(copy.text));
      if (same && (best === null || score > best.score)) best = { storyId: copy.storyId, score };
    }
    if (best) return { storyId: best.storyId, outcome: 'joined', newStoryBands: [], stories, stored };
  }
  return { storyId: article.id, outcome: 'started', newStoryBands: fp.bands, stories, stored };
}
