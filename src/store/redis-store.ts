/**
 * The article store on Redis. Records are validated against the Article
 * schema on the way in and on the way out, and stored compactly
 * (record-codec.ts: the fields the scripts read as JSON, the rest deflated); indexes are sorted sets
 * per stream scored by publication time; every change is published with the
 * streams it touched, so render caches in every process can follow.
 */
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { articleSchema, type Article } from '../core/article.js';
import { CorruptRecordError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { guarded } from '../core/unavailable.js';
import { keys } from './keys.js';
import { decodeRecord, decodeRecords } from './record-codec.js';
import { REMOVE_SCRIPT } from './remove-script.js';
import type { ArticleStore, Cursor, ListQuery, TopicSummary, UpsertOutcome } from './types.js';
import { queueUpsert } from './upsert-command.js';
import { assignStory } from './story-assign.js';
import { queueBandWrites } from './story-bands.js';

/** A story lists at most this many copies: past it, more copies add nothing a reader could use. */
export const STORY_COPIES_MAX = 50;

export interface RedisStoreDeps {
  redis: Redis;
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

  /** In a list, a corrupt record is logged and left out: one bad key must not take a feed down. */
  const decodeForList = (keyList: string[], values: (Buffer | null)[]): Article[] => {
    const out: Article[] = [];
    for (const [i, decoded] of decodeRecords(keyList, values).entries()) {
      if (decoded instanceof CorruptRecordError) log.error({ err: decoded, key: keyList[i] }, 'corrupt article record left out of a feed');
      else if (decoded) out.push(decoded);
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
      const pipeline = queueUpsert(redis.pipeline(), k, article, options?.aliases ?? []);
      // In the same round trip, after the record: a new story's bands (story-bands.ts says why that order).
      queueBandWrites(pipeline, k, article.storyId, story.newStoryBands, story.stories);
      const [[err, outcome] = [null, null], ...bandAnswers] = (await pipeline.exec()) ?? [];
      if (err) throw err;
      for (const [bandErr] of bandAnswers) if (bandErr) throw bandErr;
      if (outcome !== 'new' && outcome !== 'updated' && outcome !== 'unchanged') {
        throw new Error(`upsert script returned ${String(outcome)}`);
      }
      return outcome satisfies UpsertOutcome;
    },

    async get(id) {
      const key = k.article(id);
      return decode(key, await redis.getBuffer(key));
    },

    async hasUrl(url) {
      return (await redis.hexists(k.urls, url)) === 1;
    },

    async remove(id) {
      const removed = await redis.eval(REMOVE_SCRIPT, 3, k.article(id), k.urls, k.topicNames, id, k.indexPrefix, k.changes, k.articleUrls(id));
      return removed === 1;
    },

    async list({ streams, limit, before }: ListQuery) {
      if (streams.length === 0 || limit <= 0) return [];
      // Fetch a little more than asked per stream: ties at the cursor's score are filtered here.
      const fetch = limit + 16;
      const max = before ? String(before.publishedMs) : '+inf';
      const pipeline = redis.pipeline();
      for (const s of streams) pipeline.zrevrangebyscore(k.index(s), max, '-inf', 'WITHSCORES', 'LIMIT', 0, fetch);
      const results = (await pipeline.exec()) ?? [];
      const candidates = new Map<string, number>();
      for (const [err, value] of results) {
        if (err) throw err;
        const flat = value as string[];
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
      const recordKeys = ids.map((id) => k.article(id));
      return decodeForList(recordKeys, await redis.mgetBuffer(recordKeys));
    },

    async count(stream) {
      return redis.zcard(k.index(stream));
    },

    async storyCopies(storyIds) {
      const ids = [...new Set(storyIds)];
      const out = new Map<string, Article[]>();
      if (ids.length === 0) return out;
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.zrange(k.index({ kind: 'story', id }), '0', String(STORY_COPIES_MAX - 1));
      const results = (await pipeline.exec()) ?? [];
      const members = new Map<string, string[]>();
      ids.forEach((id, i) => {
        const [err, value] = results[i] ?? [null, []];
        if (err) throw err;
        const listed = value as string[];
        if (listed.length > 0) members.set(id, listed);
      });
      const wanted = [...new Set([...members.values()].flat())];
      if (wanted.length === 0) return out;
      const recordKeys = wanted.map((id) => k.article(id));
      const byId = new Map<string, Article>();
      for (const a of decodeForList(recordKeys, await redis.mgetBuffer(recordKeys))) byId.set(a.id, a);
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
      const pipeline = redis.pipeline();
      for (const slug of slugs) {
        pipeline.zcard(k.index({ kind: 'topic', slug }));
        pipeline.zrevrange(k.index({ kind: 'topic', slug }), 0, 0, 'WITHSCORES');
      }
      const results = (await pipeline.exec()) ?? [];
      const out: TopicSummary[] = [];
      slugs.forEach((slug, i) => {
        const count = Number(results[i * 2]?.[1] ?? 0);
        const newest = results[i * 2 + 1]?.[1] as string[] | undefined;
        if (count > 0) out.push({ slug, name: names[slug] ?? slug, count, newestMs: newest?.[1] ? Number(newest[1]) : null });
      });
      return out;
    },
  };
}
