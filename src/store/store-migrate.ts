/**
 * `bantin store migrate`: rewrites every record still in an older layout
 * (record-codec.ts) in the current one, a SCAN batch at a time. The SCAN
 * cursor and the counts are kept in Redis after each batch, so an
 * interrupted migration (Ctrl-C, a crash) goes on from its last batch; a
 * batch done twice rewrites nothing twice, since a rewritten record is
 * already in the current layout. Each rewrite is a compare-and-set: a
 * record an upsert changed since it was read is left to that upsert, which
 * wrote the current layout already. When the scan is through, the layout
 * key records the layout, and a later run does nothing.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { articleSchema } from '../core/article.js';
import { CorruptRecordError } from '../core/errors.js';
import type { KeySchema } from './keys.js';
import { keys } from './keys.js';
import { encodeRecord, rawRecord, RECORD_LAYOUT, recordLayout } from './record-codec.js';

/** KEYS[1] the record; ARGV[1] the value it was read with, ARGV[2] its rewrite. 1 when rewritten. */
const REWRITE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`;

const DEFAULT_BATCH = 200;

const stateSchema = z.object({
  cursor: z.string().regex(/^\d+$/),
  scanned: z.coerce.number().int().nonnegative(),
  rewritten: z.coerce.number().int().nonnegative(),
  corrupt: z.coerce.number().int().nonnegative(),
});
export type MigrateState = z.infer<typeof stateSchema>;

export interface MigrateProgress extends MigrateState {
  /** Records in the store (its `all` index), what `scanned` goes up to; SCAN may see a few twice. */
  total: number;
  /** `scanned` when this run began: more than 0 when it goes on from an interrupted one. */
  from: number;
}

export type MigrateOutcome =
  /** The layout key already said so: nothing was read. */
  | { status: 'already'; layout: number }
  | { status: 'done'; progress: MigrateProgress; resumed: boolean }
  | { status: 'interrupted'; progress: MigrateProgress; resumed: boolean };

export interface MigrateOptions {
  redis: Redis;
  prefix: string;
  /** SCAN COUNT per batch. */
  batch?: number;
  onBatch?: (progress: MigrateProgress) => void;
  /** Asked after each batch: true stops there, the cursor kept. */
  stop?: () => boolean;
  /** Told of each record that cannot be read (left as it is). */
  onCorrupt?: (error: CorruptRecordError) => void;
}

/** A record of the old layout in the current one, or null when it is current already. */
function rewrite(key: string, value: Buffer): Buffer | null {
  if (recordLayout(value) === RECORD_LAYOUT) return null;
  const raw = rawRecord(key, value);
  const parsed = articleSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CorruptRecordError(key, `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
  }
  // A record from before stories stays one (story-assign.ts gives it its bands on its next store).
  return encodeRecord({ ...parsed.data, storyId: typeof raw.storyId === 'string' ? parsed.data.storyId : undefined });
}

/** A prefix as a SCAN pattern: glob characters in it match themselves. */
function literalPattern(prefix: string): string {
  return prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

async function readState(redis: Redis, k: KeySchema): Promise<MigrateState | null> {
  const stored = await redis.hgetall(k.storeMigrate);
  if (Object.keys(stored).length === 0) return null;
  const parsed = stateSchema.safeParse(stored);
  if (!parsed.success) throw new CorruptRecordError(k.storeMigrate, parsed.error.issues[0]?.message ?? 'invalid');
  return parsed.data;
}

export async function migrateStore({ redis, prefix, batch = DEFAULT_BATCH, onBatch, stop, onCorrupt }: MigrateOptions): Promise<MigrateOutcome> {
  const k = keys(prefix);
  const layout = await redis.get(k.storeLayout);
  if (layout !== null && Number(layout) >= RECORD_LAYOUT) return { status: 'already', layout: Number(layout) };
  const saved = await readState(redis, k);
  const state: MigrateState = saved ?? { cursor: '0', scanned: 0, rewritten: 0, corrupt: 0 };
  const total = await redis.zcard(k.index({ kind: 'all' }));
  const from = state.scanned;
  const pattern = `${literalPattern(prefix)}:article:*`;
  for (;;) {
    const [next, found] = await redis.scan(state.cursor, 'MATCH', pattern, 'COUNT', batch);
    const values = found.length > 0 ? await redis.mgetBuffer(found) : [];
    const writes = redis.pipeline();
    let queued = 0;
    values.forEach((value, i) => {
      const key = found[i] as string;
      if (value === null) return;
      try {
        const current = rewrite(key, value);
        if (current === null) return;
        writes.eval(REWRITE_SCRIPT, 1, key, value, current);
        queued++;
      } catch (error) {
        if (!(error instanceof CorruptRecordError)) throw error;
        state.corrupt++;
        onCorrupt?.(error);
      }
    });
    if (queued > 0) {
      for (const [err, done] of (await writes.exec()) ?? []) {
        if (err) throw err;
        if (done === 1) state.rewritten++;
      }
    }
    state.scanned += found.length;
    state.cursor = next;
    const progress = { ...state, total, from };
    if (next === '0') {
      // SCAN is through: every record that was there when it began has been seen.
      await redis.multi().set(k.storeLayout, String(RECORD_LAYOUT)).del(k.storeMigrate).exec();
      onBatch?.(progress);
      return { status: 'done', progress, resumed: saved !== null };
    }
    await redis.hset(k.storeMigrate, { cursor: state.cursor, scanned: state.scanned, rewritten: state.rewritten, corrupt: state.corrupt });
    onBatch?.(progress);
    if (stop?.()) return { status: 'interrupted', progress, resumed: saved !== null };
  }
}
