/**
 * Finishing what a writer left undone, from the record as it is now: the
 * article's next upsert does it in its own steps (its script takes over the
 * marker); this is what `bantin store check --repair` runs for an article it
 * found a marker of, or an index or URL entry that does not match.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../core/log.js';
import type { RedisClient } from '../redis/client.js';
import { parseHeader, parseHeaders, parseUrlList } from './header.js';
import type { KeySchema } from './keys.js';
import { settle } from './settle.js';
import { READ_SCRIPT } from './upsert-script.js';

export interface RepairDeps {
  redis: RedisClient;
  k: KeySchema;
  log: Logger;
}

/** Places the article where its record says (or takes it out everywhere when it has none) and drops its marker. */
export async function repairArticle({ redis, k, log }: RepairDeps, id: string, strayStreams: readonly string[] = []): Promise<void> {
  const key = k.article(id);
  const token = randomUUID();
  const answer = await redis.eval(READ_SCRIPT, 2, key, k.articlePending(id), token);
  if (!Array.isArray(answer) || answer.length !== 4 || typeof answer[0] !== 'string' || typeof answer[1] !== 'string' || typeof answer[2] !== 'string') {
    throw new TypeError(`store repair read of ${key} answered something else than its script returns`);
  }
  const [headerText, wasText, urlsText] = answer as [string, string, string, number];
  const current = headerText === '' ? null : parseHeader(key, headerText);
  const was = parseHeaders(key, wasText, (err) => log.error({ err, key }, 'unreadable header in a pending marker left out of its repair'));
  await settle(redis, k, { id, token, current, was, urls: current ? [current.url] : [], forget: parseUrlList(key, urlsText), topicNames: {}, strayStreams });
}
