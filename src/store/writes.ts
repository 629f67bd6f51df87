/**
 * How the store writes an article once its story is known, and removes one:
 * on a single Redis an upsert is one script (atomic-upsert.ts) when the
 * record is as the story look-up read it; otherwise, and always on a
 * cluster, step 1 in the record's slot and then the index steps
 * (settle.ts). A remove is its script and then the steps, on both.
 */
import { randomUUID } from 'node:crypto';
import { CorruptRecordError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { sendTogether, type RedisCommand } from '../redis/batch.js';
import { topologyOf, type RedisClient } from '../redis/client.js';
import { atomicUpsert } from './atomic-upsert.js';
import { parseHeader, parseHeaders, parseUrlList, type RecordHeader } from './header.js';
import type { KeySchema } from './keys.js';
import { settle } from './settle.js';
import type { UpsertOutcome } from './types.js';
import { settlementOf, type UpsertPlan } from './upsert-command.js';
import { REMOVE_SCRIPT } from './upsert-script.js';

export interface WriteDeps {
  redis: RedisClient;
  k: KeySchema;
  log: Logger;
}

export interface WriteRequest {
  plan: UpsertPlan;
  /** What the story look-up read of the stored record (story-assign.ts). */
  stored: { header: string; marked: boolean };
  /** A new story's band writes: sent after the record (story-bands.ts says why that order). */
  bands: readonly RedisCommand[];
  aliases: readonly string[];
  /** A layout-2 URL set to merge in (single Redis before store layout 3), or null. */
  legacyUrls: string | null;
}

const corruptHeader = (log: Logger, key: string) => (err: CorruptRecordError) =>
  log.error({ err, key }, 'unreadable record header: its index entries are left to bantin store check');

const aliasCommands = (k: KeySchema, id: string, aliases: readonly string[]): RedisCommand[] =>
  aliases.length > 0 ? [['HSET', k.urls, ...aliases.flatMap((u) => [u, id])]] : [];

/**
 * The whole upsert in one script, the bands and aliases in the same round trip; null when the script was not sent
 * (a marker, an unreadable stored header) or declined (the record moved since it was read), bands included.
 */
async function atOnce({ redis, k }: WriteDeps, r: WriteRequest): Promise<{ outcome: UpsertOutcome | null; bandsSent: boolean }> {
  if (r.stored.marked) return { outcome: null, bandsSent: false };
  const id = r.plan.header.id;
  let was: RecordHeader[] = [];
  try {
    if (r.stored.header !== '') was = [parseHeader(k.article(id), r.stored.header)];
  } catch (error) {
    if (error instanceof CorruptRecordError) return { outcome: null, bandsSent: false };
    throw error;
  }
  const script = atomicUpsert(k, settlementOf(r.plan, was), { ...r.plan.record, expectedHeader: r.stored.header }, r.legacyUrls);
  // The canonical URL with the aliases: an unchanged record's script writes no index, and a remove that raced an
  // earlier upsert may have forgotten it (idempotent otherwise).
  const [answer] = await sendTogether(redis, [script, ...r.bands, ...aliasCommands(k, id, [r.plan.header.url, ...r.aliases])]);
  const outcome = Array.isArray(answer) ? String(answer[0]) : '';
  if (outcome === 'new' || outcome === 'updated' || outcome === 'unchanged') return { outcome, bandsSent: true };
  if (outcome === 'moved' || outcome === 'marked') return { outcome: null, bandsSent: true };
  throw new TypeError(`atomic upsert script returned ${String(answer)}`);
}

export async function writeArticle(deps: WriteDeps, r: WriteRequest): Promise<UpsertOutcome> {
  const { redis, k, log } = deps;
  let bands = r.bands;
  if (topologyOf(redis) === 'single') {
    const tried = await atOnce(deps, r);
    if (tried.outcome) return tried.outcome;
    if (tried.bandsSent) bands = [];
  }
  const [name, ...args] = r.plan.write;
  const answer = await redis.call(name, args);
  if (!Array.isArray(answer) || !['new', 'updated', 'unchanged'].includes(String(answer[0]))) throw new TypeError(`upsert script returned ${String(answer)}`);
  const outcome = answer[0] as UpsertOutcome;
  const id = r.plan.header.id;
  if (outcome === 'unchanged') {
    // As in atOnce: the canonical URL too, which a remove racing an earlier upsert may have forgotten.
    await sendTogether(redis, [...aliasCommands(k, id, [r.plan.header.url, ...r.aliases]), ...bands]);
    return outcome;
  }
  const was = parseHeaders(k.article(id), String(answer[1] ?? ''), corruptHeader(log, k.article(id)));
  await settle(redis, k, settlementOf(r.plan, was, [...bands]));
  return outcome;
}

/** False when there was no record. `recordKeys`: the record's, its URL set's and marker's, and a layout-2 URL set's. */
export async function removeArticle({ redis, k, log }: WriteDeps, id: string, recordKeys: readonly string[]): Promise<boolean> {
  const token = randomUUID();
  const key = k.article(id);
  const answer = await redis.eval(REMOVE_SCRIPT, recordKeys.length, ...recordKeys, token);
  if (answer === null) return false;
  if (!Array.isArray(answer) || typeof answer[0] !== 'string' || typeof answer[1] !== 'string') throw new TypeError(`remove script returned ${String(answer)}`);
  const was = parseHeaders(key, answer[0], corruptHeader(log, key));
  const forget = [...new Set([...was.map((w) => w.url), ...parseUrlList(key, answer[1])])];
  await settle(redis, k, { id, token, current: null, was, urls: [], forget, topicNames: {} });
  return true;
}
