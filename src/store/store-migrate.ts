/**
 * `bantin store migrate`: brings a store to the current store layout
 * (store-layout.ts): rewrites every record still in an older record layout
 * (record-codec.ts) in the current one, and moves every URL set still under
 * its layout-2 key into its record's slot (keys.ts), a SCAN batch at a time,
 * on each master in turn. The SCAN position and the counts are kept in
 * Redis after each batch, so an interrupted migration (Ctrl-C, a crash) goes
 * on from its last batch; a batch done twice changes nothing twice, since
 * what it rewrote or moved is in the current layout. Each rewrite is a
 * compare-and-set: a record an upsert changed since it was read is left to
 * that upsert, which wrote the current layout already; a move merges into
 * what an upsert may have started under the new key. When the scan is
 * through, the layout key records the layout, and a later run does nothing.
 */
import { z } from 'zod';
import { articleSchema } from '../core/article.js';
import { CorruptRecordError } from '../core/errors.js';
import { getBuffers, sendTogether, type RedisCommand } from '../redis/batch.js';
import { connectedMasterNodes, topologyOf, type RedisClient } from '../redis/client.js';
import type { KeySchema } from './keys.js';
import { keys } from './keys.js';
import { encodeRecord, rawRecord, RECORD_LAYOUT, RECORD_LUA, recordHeader, recordLayout } from './record-codec.js';
import { STORE_LAYOUT, URL_SETS_MOVED_LAYOUT } from './store-layout.js';

/**
 * KEYS[1] the record, KEYS[2] its URL set; ARGV[1] the value it was read with, ARGV[2] its rewrite, ARGV[3] its
 * canonical URL, which layout 4 keeps out of the set (the header has it: upsert-script.ts). 1 when rewritten.
 */
const REWRITE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SREM', KEYS[2], ARGV[3])
return 1
`;

/**
 * Single Redis only (the keys are in different slots): KEYS[1] a URL set's layout-2 key, KEYS[2] its current one,
 * KEYS[3] its record, whose canonical URL stays out of the set (upsert-script.ts URLS_LUA).
 */
const MOVE_URLS_SCRIPT = `${RECORD_LUA}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SUNIONSTORE', KEYS[2], KEYS[2], KEYS[1])
redis.call('DEL', KEYS[1])
local rec = storedRecord(redis.call('GET', KEYS[3]))
if rec and type(rec.url) == 'string' then redis.call('SREM', KEYS[2], rec.url) end
return 1
`;

const DEFAULT_BATCH = 200;

const stateSchema = z.object({
  cursor: z.string().regex(/^\d+$/),
  /** Which master (in host:port order) the cursor is on; a migration saved before there were several is on the first. */
  node: z.coerce.number().int().nonnegative().default(0),
  scanned: z.coerce.number().int().nonnegative(),
  rewritten: z.coerce.number().int().nonnegative(),
  /** URL sets moved into their record's slot. */
  moved: z.coerce.number().int().nonnegative().default(0),
  corrupt: z.coerce.number().int().nonnegative(),
  /** The store layout the saved run was bringing the store to: a run for another (an earlier version's) starts over. */
  target: z.coerce.number().int().nonnegative().default(0),
});
export type MigrateState = z.infer<typeof stateSchema>;

export interface MigrateProgress extends MigrateState {
  /** Records in the store (its `all` index), what `scanned` (records seen) goes up to; SCAN may see a few twice. */
  total: number;
  /** `scanned` when this run began: more than 0 when it goes on from an interrupted one. */
  from: number;
}

export type MigrateOutcome =
  /** The layout key already said so: nothing was read. */
  | { status: 'already'; layout: number }
  /** `layout`: the store layout it is in now (store-layout.ts). */
  | { status: 'done'; progress: MigrateProgress; resumed: boolean; layout: number }
  | { status: 'interrupted'; progress: MigrateProgress; resumed: boolean };

export interface MigrateOptions {
  redis: RedisClient;
  prefix: string;
  /** SCAN COUNT per batch. */
  batch?: number;
  onBatch?: (progress: MigrateProgress) => void;
  /** Asked after each batch: true stops there, the cursor kept. */
  stop?: () => boolean;
  /** Told of each record that cannot be read (left as it is). */
  onCorrupt?: (error: CorruptRecordError) => void;
}

/** A record of an old layout in the current one, and its canonical URL; null when it is current already. */
function rewrite(key: string, value: Buffer): { value: Buffer; url: string } | null {
  if (recordLayout(value) === RECORD_LAYOUT) return null;
  const raw = rawRecord(key, value);
  const parsed = articleSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CorruptRecordError(key, `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
  }
  // A record from before stories stays one (story-assign.ts gives it its bands on its next store).
  return { value: encodeRecord({ ...parsed.data, storyId: typeof raw.storyId === 'string' ? parsed.data.storyId : undefined }), url: parsed.data.url };
}

/** A prefix as a SCAN pattern: glob characters in it match themselves. */
function literalPattern(prefix: string): string {
  return prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

async function readState(redis: RedisClient, k: KeySchema): Promise<MigrateState | null> {
  const stored = await redis.hgetall(k.storeMigrate);
  if (Object.keys(stored).length === 0) return null;
  const parsed = stateSchema.safeParse(stored);
  if (!parsed.success) throw new CorruptRecordError(k.storeMigrate, parsed.error.issues[0]?.message ?? 'invalid');
  return parsed.data;
}

/** The header's url, without inflating the body; null when it does not read (the record is left to rewrite's corrupt count). */
function canonicalOf(key: string, value: Buffer): string | null {
  let json: unknown;
  try {
    json = recordHeader(key, value);
  } catch (error) {
    // Not JSON, or no header line: either way the record's own rewrite counts it as corrupt.
    if (error instanceof CorruptRecordError) return null;
    throw error;
  }
  const url = typeof json === 'object' && json !== null ? (json as { url?: unknown }).url : undefined;
  return typeof url === 'string' ? url : null;
}

/** Moves the URL sets of `ids` from their layout-2 keys; how many there were. */
async function moveUrlSets(redis: RedisClient, k: KeySchema, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  if (topologyOf(redis) === 'single') {
    const answers = await sendTogether(
      redis,
      ids.map((id): RedisCommand => ['EVAL', MOVE_URLS_SCRIPT, 3, k.legacyArticleUrls(id), k.articleUrls(id), k.article(id)]),
    );
    return answers.filter((a) => a === 1).length;
  }
  // On a cluster the two keys are in different slots: copy, then delete; a crash in between is copied again.
  let moved = 0;
  for (const id of ids) {
    const value = await redis.getBuffer(k.article(id));
    const canonical = value === null ? null : canonicalOf(k.article(id), value);
    const urls = (await redis.smembers(k.legacyArticleUrls(id))).filter((u) => u !== canonical);
    if (urls.length > 0) await redis.sadd(k.articleUrls(id), ...urls);
    moved += await redis.del(k.legacyArticleUrls(id));
  }
  return moved;
}

export async function migrateStore({ redis, prefix, batch = DEFAULT_BATCH, onBatch, stop, onCorrupt }: MigrateOptions): Promise<MigrateOutcome> {
  const k = keys(prefix);
  const layoutText = await redis.get(k.storeLayout);
  const layout = layoutText === null ? 0 : Number(layoutText);
  if (layout >= STORE_LAYOUT) return { status: 'already', layout };
  const read = await readState(redis, k);
  // A run an earlier version began went to an older layout: what it passed is not in this one, so start over.
  const saved = read !== null && read.target === STORE_LAYOUT ? read : null;
  const state: MigrateState = saved ?? { cursor: '0', node: 0, scanned: 0, rewritten: 0, moved: 0, corrupt: 0, target: STORE_LAYOUT };
  const total = await redis.zcard(k.index({ kind: 'all' }));
  const from = state.scanned;
  const nodes = (await connectedMasterNodes(redis)).sort((a, b) => nodeName(a.options).localeCompare(nodeName(b.options)));
  const recordPrefix = k.article('');
  const legacyUrlsPrefix = k.legacyArticleUrls('');
  // Records, URL sets and pending markers all start so; each is told apart by what follows.
  const pattern = `${literalPattern(prefix)}:article*`;
  for (;;) {
    const node = nodes[state.node];
    if (!node) throw new Error(`store migrate: saved at master ${state.node} of ${nodes.length}; the cluster has changed, delete ${k.storeMigrate} and run it again`);
    const [next, found] = await node.scan(state.cursor, 'MATCH', pattern, 'COUNT', batch);
    const records = found.filter((key) => key.startsWith(recordPrefix));
    // A store in layout 3 or later has every URL set in its record's slot already.
    const legacyIds = layout >= URL_SETS_MOVED_LAYOUT ? [] : found.filter((key) => key.startsWith(legacyUrlsPrefix) && !key.includes('{')).map((key) => key.slice(legacyUrlsPrefix.length));
    const values = records.length > 0 ? await getBuffers(redis, records) : [];
    const writes: RedisCommand[] = [];
    values.forEach((value, i) => {
      const key = records[i] as string;
      if (value === null) return;
      try {
        const current = rewrite(key, value);
        if (current === null) {
          // Already in record layout 3 (a trim, an upsert of this version): its set may still hold its canonical URL.
          const url = canonicalOf(key, value);
          if (url !== null) writes.push(['SREM', k.articleUrls(key.slice(recordPrefix.length)), url]);
          return;
        }
        writes.push(['EVAL', REWRITE_SCRIPT, 2, key, k.articleUrls(key.slice(recordPrefix.length)), value, current.value, current.url]);
      } catch (error) {
        if (!(error instanceof CorruptRecordError)) throw error;
        state.corrupt++;
        onCorrupt?.(error);
      }
    });
    for (const [i, done] of (await sendTogether(redis, writes)).entries()) if (done === 1 && writes[i]?.[0] === 'EVAL') state.rewritten++;
    state.moved += await moveUrlSets(redis, k, legacyIds);
    state.scanned += records.length;
    state.cursor = next;
    if (next === '0' && state.node + 1 < nodes.length) {
      state.node++;
    } else if (next === '0') {
      const progress = { ...state, total, from };
      // SCAN is through on every master: every key that was there when it began has been seen.
      await sendTogether(redis, [['SET', k.storeLayout, String(STORE_LAYOUT)], ['DEL', k.storeMigrate]], { atomic: true });
      onBatch?.(progress);
      return { status: 'done', progress, resumed: saved !== null, layout: STORE_LAYOUT };
    }
    const progress = { ...state, total, from };
    await redis.hset(k.storeMigrate, { cursor: state.cursor, node: state.node, scanned: state.scanned, rewritten: state.rewritten, moved: state.moved, corrupt: state.corrupt, target: STORE_LAYOUT });
    onBatch?.(progress);
    if (stop?.()) return { status: 'interrupted', progress, resumed: saved !== null };
  }
}

function nodeName(options: { host?: string; port?: number; path?: string }): string {
  return options.path ?? `${options.host ?? ''}:${String(options.port ?? '')}`;
}
