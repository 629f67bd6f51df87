/**
 * The latest document of each subscribed topic, kept once for all its
 * subscribers' deliveries (and their retries):
 *
 *   {prefix}:websub:doc:{sha256(topic)[0:24]}   hash: body, contentType, link, digest; expires after a day
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from '../redis/client.js';
import { z } from 'zod';
import { CorruptRecordError } from '../core/errors.js';
import { websubKeys } from './subscriptions.js';

export interface TopicDocument {
  body: Buffer;
  contentType: string;
  link: string;
  digest: string;
}

const DOC_TTL_MS = 24 * 3600_000;
const stored = z.object({ contentType: z.string().min(1), link: z.string(), digest: z.string().min(1) });

export const topicHash = (topic: string): string => createHash('sha256').update(topic).digest('hex').slice(0, 24);
export const digestOf = (body: Buffer): string => createHash('sha256').update(body).digest('hex');

export interface DocumentStore {
  get(topic: string): Promise<TopicDocument | null>;
  /** Stores the document; false when it is the one stored already (nothing new to deliver). */
  put(topic: string, doc: Omit<TopicDocument, 'digest'>): Promise<{ changed: boolean; digest: string }>;
}

export function createDocumentStore(deps: { redis: RedisClient; prefix: string }): DocumentStore {
  const k = websubKeys(deps.prefix);
  return {
    async get(topic) {
      const key = k.doc(topicHash(topic));
      const [meta, body] = await Promise.all([deps.redis.hmget(key, 'contentType', 'link', 'digest'), deps.redis.hgetBuffer(key, 'body')]);
      if (body === null || meta.every((v) => v === null)) return null;
      const parsed = stored.safeParse({ contentType: meta[0], link: meta[1], digest: meta[2] });
      if (!parsed.success) throw new CorruptRecordError(key, parsed.error.issues[0]?.message ?? 'invalid');
      return { body, ...parsed.data };
    },
    async put(topic, doc) {
      const key = k.doc(topicHash(topic));
      const digest = digestOf(doc.body);
      const before = await deps.redis.hget(key, 'digest');
      if (before === digest) return { changed: false, digest };
      await deps.redis.multi().hset(key, { body: doc.body, contentType: doc.contentType, link: doc.link, digest }).pexpire(key, DOC_TTL_MS).exec();
      return { changed: true, digest };
    },
  };
}
