/**
 * The upsert's step 1 for one article (upsert-script.ts WRITE_SCRIPT says
 * what each key and argument is) and what its later steps need (settle.ts).
 * The store sends them in turn; bench:store queues a new article's whole
 * upsert on one pipeline with `queueUpsert`.
 */
import { randomUUID } from 'node:crypto';
import type { ChainableCommander } from 'ioredis';
import { topicNames, type Article } from '../core/article.js';
import { isoToMs } from '../core/time.js';
import { placeMatcher } from '../normalize/places/index.js';
import type { RedisCommand } from '../redis/batch.js';
import type { RecordHeader } from './header.js';
import { articleStreams, streamName, streamSignature, type KeySchema } from './keys.js';
import { encodeRecord } from './record-codec.js';
import { freshCommands, type Settlement } from './settle.js';
import { WRITE_SCRIPT } from './upsert-script.js';

export interface UpsertPlan {
  write: RedisCommand;
  /** The record as stored and what step 1 compares to call it unchanged. */
  record: { value: Buffer; contentHash: string; signature: string; publishedAt: string };
  token: string;
  header: RecordHeader;
  urls: string[];
  topicNames: Record<string, string>;
}

/** `legacyUrls`: on a single Redis not yet in store layout 3, the URL set's layout-2 key, merged in as it goes. */
export function planUpsert(k: KeySchema, article: Article, aliases: readonly string[], legacyUrls: boolean): UpsertPlan {
  const token = randomUUID();
  const urls = [article.url, ...aliases.filter((a) => a !== article.url)];
  const recordKeys = [k.article(article.id), k.articleUrls(article.id), k.articlePending(article.id)];
  if (legacyUrls) recordKeys.push(k.legacyArticleUrls(article.id));
  const record = { value: encodeRecord(article), contentHash: article.contentHash, signature: streamSignature(article), publishedAt: article.publishedAt };
  return {
    token,
    record,
    write: ['EVAL', WRITE_SCRIPT, recordKeys.length, ...recordKeys, record.value, record.contentHash, record.signature, record.publishedAt, token, JSON.stringify(urls)],
    header: {
      id: article.id,
      url: article.url,
      streams: articleStreams(article).map(streamName),
      storyId: article.storyId,
      score: isoToMs(article.publishedAt),
    },
    urls,
    // The gazetteer names a place the text alone found, so topic pages do not show its slug.
    topicNames: Object.fromEntries(topicNames(article, placeMatcher().names)),
  };
}

export function settlementOf(plan: UpsertPlan, was: RecordHeader[], extra: RedisCommand[] = []): Settlement {
  return { id: plan.header.id, token: plan.token, current: plan.header, was, urls: plan.urls, forget: [], topicNames: plan.topicNames, extra };
}

/** A new article's whole upsert queued on a single Redis pipeline: step 1, then the index steps, as the store does them. */
export function queueUpsert<P extends ChainableCommander>(pipeline: P, k: KeySchema, article: Article, aliases: readonly string[]): P {
  const plan = planUpsert(k, article, aliases, false);
  for (const [name, ...args] of [plan.write, ...freshCommands(k, settlementOf(plan, []))]) pipeline.call(name, args);
  return pipeline;
}
