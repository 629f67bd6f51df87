/** Query parameters of feed URLs, validated; anything invalid names itself in an InputError. */
import { InputError } from '../core/errors.js';
import { FEED_MODES, type FeedMode } from '../render/index.js';
import type { Cursor } from '../store/index.js';

export const STORY_MODES = ['one', 'all'] as const;
/** `one`: one item per story, linking the other copies; `all`: every copy its own item. */
export type StoryMode = (typeof STORY_MODES)[number];

export interface FeedQuery {
  limit: number;
  q: string | null;
  mode: FeedMode;
  before: Cursor | null;
  /** Null: the feed kind's own default (curated feeds `one`, the rest `all`). */
  stories: StoryMode | null;
}

export const DEFAULT_LIMIT = 30;
export const MAX_LIMIT = 100;
const CURSOR = /^(\d{1,15})-([a-z0-9]{16})$/;

/** `before=` is `{publishedMs}-{id}`: exact even when two items share a publication time. */
export function encodeCursor(c: Cursor): string {
  return `${c.publishedMs}-${c.id}`;
}

/** Every parameter a feed reads: anything else leaves the document as it is. */
export const FEED_PARAMS = ['limit', 'q', 'mode', 'before', 'stories'] as const;

export function parseFeedQuery(params: URLSearchParams): FeedQuery {
  // `limit=5&limit=500` has no one meaning: taking the first or the last would be a guess.
  for (const name of FEED_PARAMS) if (params.getAll(name).length > 1) throw new InputError(name, 'must be given once');
  const limitRaw = params.get('limit');
  let limit = DEFAULT_LIMIT;
  if (limitRaw !== null) {
    if (!/^\d{1,3}$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > MAX_LIMIT) {
      throw new InputError('limit', `must be a whole number from 1 to ${MAX_LIMIT}`);
    }
    limit = Number(limitRaw);
  }
  const modeRaw = params.get('mode');
  if (modeRaw !== null && !(FEED_MODES as readonly string[]).includes(modeRaw)) throw new InputError('mode', 'must be "full" or "summary"');
  const mode = (modeRaw ?? 'full') as FeedMode;
  const qRaw = params.get('q');
  if (qRaw !== null && (qRaw.trim() === '' || qRaw.length > 200)) throw new InputError('q', 'must be 1 to 200 characters');
  const beforeRaw = params.get('before');
  let before: Cursor | null = null;
  if (beforeRaw !== null) {
    const m = CURSOR.exec(beforeRaw);
    if (!m) throw new InputError('before', 'must be a cursor taken from a next link');
    before = { publishedMs: Number(m[1]), id: m[2] as string };
  }
  const storiesRaw = params.get('stories');
  if (storiesRaw !== null && !(STORY_MODES as readonly string[]).includes(storiesRaw)) throw new InputError('stories', 'must be "one" or "all"');
  const stories = storiesRaw as StoryMode | null;
  return { limit, q: qRaw === null ? null : qRaw.trim(), mode, before, stories };
}

/** The query string for a page of the same feed: only non-default values, in a fixed order. */
export function feedSearch(query: FeedQuery, before: Cursor | null): string {
  const p = new URLSearchParams();
  if (before) p.set('before', encodeCursor(before));
  if (query.limit !== DEFAULT_LIMIT) p.set('limit', String(query.limit));
  if (query.q) p.set('q', query.q);
  if (query.mode !== 'full') p.set('mode', query.mode);
  if (query.stories) p.set('stories', query.stories);
  const s = p.toString();
  return s ? `?${s}` : '';
}
