/**
 * The article store on Redis. Records are validated against the Article
 * schema on the way in and on the way out, and stored compactly
 * (record-codec.ts: the fields the scripts read as JSON, the rest deflated); indexes are sorted sets
 * per stream scored by publication time; every change is published with the
 * streams it touched, so render caches in every process can follow.
 */
import { performance } from 'node:perf_hooks';
import { articleSchema, type Article } from '../core/article.js';
import { CorruptRecordError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { guarded } from '../core/unavailable.js';
import { flatPairs, getBuffers, sendTogether, type RedisCommand } from '../redis/batch.js';
import { topologyOf, type RedisClient } from '../redis/client.js';
import { listedIn } from './header.js';
import { keys } from './keys.js';
import { decodeRecord, decodeRecords } from './record-codec.js';
import { decodeStreamFields } from './stream-fields.js';
import { URL_SETS_MOVED_LAYOUT } from './store-layout.js';
import type { ArticleStore, Cursor, ListQuery, Stream, TopicSummary } from './types.js';
import { planUpsert } from './upsert-command.js';
import { removeArticle, writeArticle } from './writes.js';
import { assignStory } from './story-assign.js';
import { bandWriteCommands } from './story-bands.js';

/** A story lists at most this many copies: past it, more copies add nothing a reader could use. */
export const STORY_COPIES_MAX = 50;

export interface RedisStoreDeps {
  redis: RedisClient;
  prefix: string;
  log: Logger;
  /** Told how long each upsert's story assignment took (fingerprint, band lookup, comparison; the band writes share the record's round trip). */
  onStoryAssigned?: (ms: number, outcome: StoryOutcome) => void;
}

/** `kept`: a stored article keeps its story; `joined`: a new copy of a stored story; `started`: a story of its own. */
export type StoryOutcome = 'kept' | 'joined' | 'started';

/** Ties on the score are broken by id, so a cursor is exact even then. */
function isOlder(score: number, id: string, cursor: Cursor): boolean {
  return score < cursor.publishedMs || (score === cursor.publishedMs && id < cursor.id);
}

export function createRedisStore(deps: RedisStoreDeps): ArticleStore {
  return guarded('store', redisStore(deps));
}

function redisStore({ redis, prefix, log, onStoryAssigned }: RedisStoreDeps): ArticleStore {
  const k = keys(prefix);
  // Only ever grows; a store that has not seen a level yet finds it one round trip later (story-assign.ts).
  const bandLevels = { top: 0 };

  const decode = decodeRecord;
  const single = topologyOf(redis) === 'single';
  // A single Redis a version before store layout 3 wrote may still hold URL sets under their old key (keys.ts);
  // a cluster never does (that version could not run on one). Asked once: migrate only ever raises it.
  let legacyUrlSets: Promise<boolean> | null = null;
  const legacyUrls = (): Promise<boolean> => {
    if (legacyUrlSets === null) {
      const asked = single ? redis.get(k.storeLayout).then((v) => v === null || Number(v) < URL_SETS_MOVED_LAYOUT) : Promise.resolve(false);
      legacyUrlSets = asked;
      // A failed answer is not kept: the upsert that asked fails with it, the next one asks again.
      asked.catch(() => {
        if (legacyUrlSets === asked) legacyUrlSets = null;
      });
    }
    return legacyUrlSets;
  };
  const recordKeys = async (id: string): Promise<string[]> => {
    const out = [k.article(id), k.articleUrls(id), k.articlePending(id)];
    if (await legacyUrls()) out.push(k.legacyArticleUrls(id));
    return out;
  };
  /** In a list, a corrupt record is logged and left out: one bad key must not take a feed down; so is one an index lists but that has left the stream. */
  const decodeForList = (keyList: string[], values: (Buffer | null)[], streams: readonly Stream[]): Article[] => {
    const out: Article[] = [];
    for (const [i, decoded] of decodeRecords(keyList, values).entries()) {
      if (decoded instanceof CorruptRecordError) log.error({ err: decoded, key: keyList[i] }, 'corrupt article record left out of a feed');
      else if (decoded && streams.some((s) => listedIn(decoded, s))) out.push(decoded);
    }
    return out;
  };

  return {
    async upsert(input, options) {
      const parsed = articleSchema.parse(input);
      const started = performance.now();
      const story = await assignStory({ redis, k, levels: bandLevels }, parsed);
      onStoryAssigned?.(performance.now() - started, story.outcome);
      const article: Article = { ...parsed, storyId: story.storyId };
      const legacy = await legacyUrls();
      return writeArticle(
        { redis, k, log },
        {
          plan: planUpsert(k, article, options?.aliases ?? [], legacy),
          stored: story.stored,
          bands: bandWriteCommands(k, article.storyId, story.newStoryBands, story.stories),
          aliases: options?.aliases ?? [],
          legacyUrls: legacy ? k.legacyArticleUrls(article.id) : null,
        },
      );
    },

    async get(id) {
      const key = k.article(id);
      return decode(key, await redis.getBuffer(key));
    },

    async streamFields(id) {
      const key = k.article(id);
      return decodeStreamFields(key, await redis.getBuffer(key));
    },

    async hasUrl(url) {
      return (await redis.hexists(k.urls, url)) === 1;
    },

    async remove(id) {
      return removeArticle({ redis, k, log }, id, await recordKeys(id));
    },

    async list({ streams, limit, before }: ListQuery) {
      if (streams.length === 0 || limit <= 0) return [];
      // Fetch a little more than asked per stream: ties at the cursor's score are filtered here.
      const fetch = limit + 16;
      const max = before ? String(before.publishedMs) : '+inf';
      const results = await sendTogether(
        redis,
        streams.map((s): RedisCommand => ['ZREVRANGEBYSCORE', k.index(s), max, '-inf', 'WITHSCORES', 'LIMIT', 0, fetch]),
      );
      const candidates = new Map<string, number>();
      for (const value of results) {
        const flat = flatPairs(value);
        for (let i = 0; i + 1 < flat.length; i += 2) {
          const id = flat[i] as string;
          const score = Number(flat[i + 1]);
          if (before && !isOlder(score, id, before)) continue;
          candidates.set(id, score);
        }
      }
      const ids = [...candidates.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0))
        .slice(0, limit)
        .map(([id]) => id);
      if (ids.length === 0) return [];
      const keyList = ids.map((id) => k.article(id));
      return decodeForList(keyList, await getBuffers(redis, keyList), streams);
    },

    async count(stream) {
      return redis.zcard(k.index(stream));
    },

    async storyCopies(storyIds) {
      const ids = [...new Set(storyIds)];
      const out = new Map<string, Article[]>();
      if (ids.length === 0) return out;
      const results = await sendTogether(
        redis,
        ids.map((id): RedisCommand => ['ZRANGE', k.index({ kind: 'story', id }), '0', String(STORY_COPIES_MAX - 1)]),
      );
      const members = new Map<string, string[]>();
      ids.forEach((id, i) => {
        const listed = (results[i] ?? []) as string[];
        if (listed.length > 0) members.set(id, listed);
      });
      const wanted = [...new Set([...members.values()].flat())];
      if (wanted.length === 0) return out;
      const keyList = wanted.map((id) => k.article(id));
      const byId = new Map<string, Article>();
      for (const a of decodeForList(keyList, await getBuffers(redis, keyList), [{ kind: 'all' }])) byId.set(a.id, a);
      for (const [id, list] of members) {
        out.set(
          id,
          list.flatMap((m) => {
            const a = byId.get(m);
            return a && a.storyId === id ? [a] : [];
          }),
        );
      }
      return out;
    },

    async topics() {
      const names = await redis.hgetall(k.topicNames);
      const slugs = Object.keys(names).sort();
      if (slugs.length === 0) return [];
      const results = await sendTogether(
        redis,
        slugs.flatMap((slug): RedisCommand[] => [
          ['ZCARD', k.index({ kind: 'topic', slug })],
          ['ZREVRANGE', k.index({ kind: 'topic', slug }), 0, 0, 'WITHSCORES'],
        ]),
      );
      const out: TopicSummary[] = [];
      slugs.forEach((slug, i) => {
        const count = Number(results[i * 2] ?? 0);
        const newest = flatPairs(results[i * 2 + 1] ?? []);
        if (count > 0) out.push({ slug, name: names[slug] ?? slug, count, newestMs: newest[1] ? Number(newest[1]) : null });
      });
      return out;
    },
  };
}
