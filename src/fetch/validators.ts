/**
 * Conditional-request state: the ETag and Last-Modified last seen for a
 * feed or listing URL, kept in Redis so every worker sends them back and an
 * unchanged page costs a 304 and no parsing.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from '../redis/client.js';

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/** Forget a URL's validators after a month unseen, so retired feeds do not linger. */
const TTL_SECONDS = 30 * 24 * 3600;

export function validatorKey(prefix: string, url: string): string {
  return `${prefix}:http:${createHash('sha1').update(url).digest('hex')}`;
}

export async function loadValidators(redis: RedisClient, prefix: string, url: string): Promise<Validators> {
  const stored = await redis.hgetall(validatorKey(prefix, url));
  // Whatever else the hash holds is ignored: only header-safe strings are sent.
  const clean = (v: string | undefined): string | null => (v !== undefined && v !== '' && !/[\r\n]/.test(v) ? v : null);
  return { etag: clean(stored.etag), lastModified: clean(stored.lastModified) };
}

export function conditionalHeaders(v: Validators): Record<string, string> {
  const headers: Record<string, string> = {};
  if (v.etag) headers['if-none-match'] = v.etag;
  if (v.lastModified) headers['if-modified-since'] = v.lastModified;
  return headers;
}

/** Called only after a complete, accepted 200: a failed fetch never leaves validators behind. */
export async function saveValidators(redis: RedisClient, prefix: string, url: string, headers: Record<string, string>): Promise<void> {
  const key = validatorKey(prefix, url);
  const etag = headers.etag ?? '';
  const lastModified = headers['last-modified'] ?? '';
  if (etag === '' && lastModified === '') {
    await redis.del(key);
    return;
  }
  await redis.multi().del(key).hset(key, { etag, lastModified }).expire(key, TTL_SECONDS).exec();
}
