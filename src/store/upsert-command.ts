/**
 * The upsert script's call for one article (upsert-script.ts says what each
 * key and argument is), queued on a pipeline: the store's upsert sends it
 * with the story bands in the same round trip, and bench:store fills a
 * store with it in batches.
 */
import type { ChainableCommander } from 'ioredis';
import { topicNames, type Article } from '../core/article.js';
import { isoToMs } from '../core/time.js';
import { placeMatcher } from '../normalize/places/index.js';
import { articleStreams, streamName, streamSignature, type KeySchema } from './keys.js';
import { encodeRecord } from './record-codec.js';
import { UPSERT_SCRIPT } from './upsert-script.js';

export function queueUpsert<P extends ChainableCommander>(pipeline: P, k: KeySchema, article: Article, aliases: readonly string[]): P {
  const streams = articleStreams(article);
  const indexKeys = streams.map((s) => k.index(s));
  pipeline.eval(
    UPSERT_SCRIPT,
    3 + indexKeys.length,
    k.article(article.id),
    k.urls,
    k.topicNames,
    ...indexKeys,
    encodeRecord(article),
    article.contentHash,
    String(isoToMs(article.publishedAt)),
    article.id,
    article.url,
    k.indexPrefix,
    k.changes,
    // The gazetteer names a place the text alone found, so topic pages do not show its slug.
    JSON.stringify(Object.fromEntries(topicNames(article, placeMatcher().names))),
    JSON.stringify(streams.map(streamName)),
    streamSignature(article),
    JSON.stringify(aliases),
    k.articleUrls(article.id),
    article.storyId,
    k.index({ kind: 'story', id: article.storyId }),
  );
  return pipeline;
}
