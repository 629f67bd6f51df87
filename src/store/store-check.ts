/**
 * `bantin store check [--repair]`: compares the store's records with its
 * indexes and URL map, on every master, and with --repair puts right what
 * does not match (repair.ts, from each record as it is then). It finds:
 * pending markers (a writer's index steps not all done: in flight, or left
 * by a crash), records missing from an index or the URL map, index entries
 * whose record is gone or has left that stream, and URLs mapped to no
 * record. On a live store a writer in flight shows as a marker; what it is
 * in the middle of is not counted against its record.
 */
import { ARTICLE_ID } from '../core/article.js';
import { CorruptRecordError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { flatPairs, sendTogether, type RedisCommand } from '../redis/batch.js';
import { connectedMasterNodes, type RedisClient } from '../redis/client.js';
import { parseHeader, type RecordHeader } from './header.js';
import { keys, type KeySchema } from './keys.js';
import { repairArticle } from './repair.js';
import { FORGET_URLS_SCRIPT, HEADER_SCRIPT } from './upsert-script.js';

export interface CheckReport {
  records: number;
  /** Articles with a pending marker. */
  pending: number;
  /** Records missing from one of their indexes (or there at another score), or whose URL maps elsewhere; copies whose story's index lacks its first copy. */
  unindexed: number;
  /** Index entries whose record is gone or is not in that stream. */
  strayEntries: number;
  /** URL map entries naming no record. */
  danglingUrls: number;
  /** Records whose header cannot be read (logged, left as they are). */
  corrupt: number;
  /** Articles (and URLs) put right; 0 without `repair`. */
  repaired: number;
}

export interface CheckOptions {
  redis: RedisClient;
  prefix: string;
  log: Logger;
  repair?: boolean;
  /** SCAN COUNT and commands per round trip. */
  batch?: number;
  /** Told what is being looked at, for a progress line. */
  onProgress?: (stage: 'records' | 'indexes' | 'urls', done: number) => void;
}

/** Problems found: what makes the command exit non-zero. */
export function problems(report: CheckReport): number {
  return report.pending + report.unindexed + report.strayEntries + report.danglingUrls;
}

/** A prefix as a SCAN pattern: glob characters in it match themselves. */
function literalPattern(prefix: string): string {
  return prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

async function scanAll(redis: RedisClient, pattern: string, batch: number, onKeys: (found: string[]) => Promise<void>): Promise<void> {
  for (const node of await connectedMasterNodes(redis)) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', batch);
      if (found.length > 0) await onKeys(found);
      cursor = next;
    } while (cursor !== '0');
  }
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Record ids and marked ids, from every master. */
async function findArticles(redis: RedisClient, k: KeySchema, prefix: string, batch: number): Promise<{ records: string[]; marked: Set<string> }> {
  const records: string[] = [];
  const marked = new Set<string>();
  const recordPrefix = k.article('');
  const pendingPrefix = `${prefix}:article-pending:{${recordPrefix}`;
  await scanAll(redis, `${literalPattern(prefix)}:article*`, batch, async (found) => {
    for (const key of found) {
      if (key.startsWith(recordPrefix)) {
        const id = key.slice(recordPrefix.length);
        if (ARTICLE_ID.test(id)) records.push(id);
      } else if (key.startsWith(pendingPrefix) && key.endsWith('}')) {
        const id = key.slice(pendingPrefix.length, -1);
        if (ARTICLE_ID.test(id)) marked.add(id);
      }
    }
  });
  return { records, marked };
}

async function readHeaders(redis: RedisClient, k: KeySchema, ids: readonly string[], log: Logger): Promise<{ headers: Map<string, RecordHeader>; corrupt: number }> {
  const headers = new Map<string, RecordHeader>();
  let corrupt = 0;
  const answers = await sendTogether(
    redis,
    ids.map((id): RedisCommand => ['EVAL', HEADER_SCRIPT, 1, k.article(id)]),
  );
  answers.forEach((answer, i) => {
    const id = ids[i] as string;
    if (typeof answer !== 'string') return;
    try {
      headers.set(id, parseHeader(k.article(id), answer));
    } catch (error) {
      if (!(error instanceof CorruptRecordError)) throw error;
      corrupt++;
      log.error({ err: error, key: k.article(id) }, 'unreadable record header left as it is');
    }
  });
  return { headers, corrupt };
}

/** Whether a record belongs in the index of `stream` (a story's index also holds its first copy). */
function belongs(header: RecordHeader, stream: string): boolean {
  return header.streams.includes(stream) || stream === `story:${header.storyId}`;
}

export async function checkStore({ redis, prefix, log, repair = false, batch = 200, onProgress }: CheckOptions): Promise<CheckReport> {
  const k = keys(prefix);
  const { records, marked } = await findArticles(redis, k, prefix, batch);
  const headers = new Map<string, RecordHeader>();
  let corrupt = 0;
  /** Article id → what is wrong with it: the streams whose index lists it wrongly (empty: only something missing). */
  const wrong = new Map<string, Set<string>>();
  const flag = (id: string, stray?: string): void => {
    const set = wrong.get(id) ?? new Set<string>();
    if (stray) set.add(stray);
    wrong.set(id, set);
  };
  let unindexed = 0;
  let done = 0;
  for (const ids of chunks(records, batch)) {
    const read = await readHeaders(redis, k, ids, log);
    corrupt += read.corrupt;
    const placed = [...read.headers.values()];
    const queries = placed.flatMap((h): RedisCommand[] => [...h.streams.map((s): RedisCommand => ['ZSCORE', `${k.indexPrefix}${s}`, h.id]), ['HGET', k.urls, h.url]]);
    const answers = await sendTogether(redis, queries);
    let at = 0;
    for (const h of placed) {
      headers.set(h.id, h);
      const scores = answers.slice(at, at + h.streams.length);
      const url = answers[at + h.streams.length];
      at += h.streams.length + 1;
      const missing = scores.some((score) => score === null || Number(score) !== h.score) || url !== h.id;
      if (missing && !marked.has(h.id)) {
        unindexed++;
        flag(h.id);
      }
    }
    done += ids.length;
    onProgress?.('records', done);
  }

  // A story's index holds its first copy too, from its second copy on: a copy's repair puts the first one back.
  const copies = [...headers.values()].filter((h) => h.storyId !== h.id && headers.has(h.storyId) && !marked.has(h.id));
  for (const list of chunks(copies, batch)) {
    const scores = await sendTogether(
      redis,
      list.map((h): RedisCommand => ['ZSCORE', k.index({ kind: 'story', id: h.storyId }), h.storyId]),
    );
    list.forEach((h, i) => {
      if (scores[i] !== null || wrong.has(h.id)) return;
      unindexed++;
      flag(h.id);
    });
  }

  let strayEntries = 0;
  done = 0;
  await scanAll(redis, `${literalPattern(k.indexPrefix)}*`, batch, async (found) => {
    for (const key of found) {
      const stream = key.slice(k.indexPrefix.length);
      let cursor = '0';
      do {
        const [next, flat] = await redis.zscan(key, cursor, 'COUNT', batch);
        const members = flatPairs(flat).filter((_, i) => i % 2 === 0);
        for (const id of members) {
          const h = headers.get(id);
          if (marked.has(id) || (h && belongs(h, stream))) continue;
          strayEntries++;
          flag(id, stream);
        }
        cursor = next;
      } while (cursor !== '0');
      onProgress?.('indexes', ++done);
    }
  });

  const dangling: [string, string][] = [];
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscan(k.urls, cursor, 'COUNT', batch);
    const pairs = flatPairs(flat);
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const [url, id] = [pairs[i] as string, pairs[i + 1] as string];
      if (!headers.has(id) && !marked.has(id)) dangling.push([url, id]);
    }
    cursor = next;
    onProgress?.('urls', dangling.length);
  } while (cursor !== '0');

  const report: CheckReport = { records: records.length, pending: marked.size, unindexed, strayEntries, danglingUrls: dangling.length, corrupt, repaired: 0 };
  if (!repair) return report;
  const deps = { redis, k, log };
  for (const id of marked) if (!wrong.has(id)) wrong.set(id, new Set());
  for (const [id, stray] of wrong) {
    await repairArticle(deps, id, [...stray]);
    report.repaired++;
  }
  // A URL is forgotten only while it still names that id, and only if no record of that id has appeared since.
  for (const [url, id] of dangling) {
    if ((await redis.exists(k.article(id))) === 1) continue;
    report.repaired += Number(await redis.eval(FORGET_URLS_SCRIPT, 1, k.urls, id, url));
  }
  return report;
}
