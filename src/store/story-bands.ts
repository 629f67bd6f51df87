/**
 * Where a story's LSH bands live in Redis, so that every worker sees the same
 * buckets. A plain Redis hash costs about 70 bytes an entry; one kept under
 * Redis' listpack limit (`hash-max-listpack-entries`, 128 by default) costs
 * about 28. So bands are spread over shards, and the number of shards grows
 * with the number of stories in levels: level L has 2^L shards and takes new
 * bands while the count of stories is in its range, about 64 entries a shard.
 * A band is looked up in every level up to the current one (a pipeline of
 * bands × levels HGETs, 90 at 300,000 stories), so nothing is ever rehashed.
 */
import type { ChainableCommander } from 'ioredis';
import type { RedisCommand } from '../redis/batch.js';
import type { KeySchema } from './keys.js';

const ENTRIES_PER_SHARD = 64;

/** The level new bands go to once `stories` stories have written theirs. */
export function bandLevel(stories: number, bandsPerStory: number): number {
  return Math.floor(Math.log2(1 + (Math.max(0, stories) * bandsPerStory) / ENTRIES_PER_SHARD));
}

/** A band's shard at a level: the low bits of its MinHash value. */
export function bandShard(band: string, level: number): number {
  const value = Number.parseInt(band.slice(1), 36);
  return level === 0 ? 0 : value % 2 ** level;
}

/**
 * Every band in every level in one command: as separate HGETs, ioredis' per-command cost made a lookup
 * 0.44 ms at 1,000 stories. KEYS[1] the story count, KEYS[2..] band shards, ARGV[i] the band to read
 * from KEYS[i + 1]. Returns the count, then each answer ('' for none). All its keys share one hash tag.
 */
const LOOKUP_SCRIPT = `
local out = { redis.call('GET', KEYS[1]) or '0' }
for i = 2, #KEYS do out[i] = redis.call('HGET', KEYS[i], ARGV[i - 1]) or '' end
return out
`;

/** KEYS[1] the story count, KEYS[2..] band shards; ARGV[1] the story id, ARGV[i + 1] the band for KEYS[i + 1]. */
const WRITE_SCRIPT = `
redis.call('INCR', KEYS[1])
for i = 2, #KEYS do redis.call('HSETNX', KEYS[i], ARGV[i], ARGV[1]) end
return #KEYS - 1
`;

/** The lookup of `bands` in levels `from`..`to`, one script in the bands' slot; `bandHits` reads its answer. */
export function bandLookupCommand(k: KeySchema, bands: readonly string[], from: number, to: number): RedisCommand {
  const shardKeys: string[] = [];
  const fields: string[] = [];
  for (let level = from; level <= to; level++) {
    for (const band of bands) {
      shardKeys.push(k.storyBands(level, bandShard(band, level)));
      fields.push(band);
    }
  }
  return ['EVAL', LOOKUP_SCRIPT, 1 + shardKeys.length, k.storyCount, ...shardKeys, ...fields];
}

export interface BandAnswer {
  /** Stories with bands when the lookup ran. */
  stories: number;
  /** How many of the bands point at each story. */
  shared: Map<string, number>;
}

export function bandHits(answer: unknown): BandAnswer {
  if (!Array.isArray(answer) || answer.some((x) => typeof x !== 'string')) throw new TypeError('story band lookup answered something other than strings');
  const [count = '0', ...values] = answer as string[];
  const hits = new Map<string, number>();
  for (const value of values) if (value !== '') hits.set(value, (hits.get(value) ?? 0) + 1);
  return { stories: Number(count), shared: hits };
}

/**
 * Queues a new story's bands at the level of `stories` (the count read at lookup: a concurrent writer can
 * only make a level a little fuller). A band some earlier story already holds stays that story's (HSETNX):
 * the new story is still found by its other bands. Sent with the upsert's index steps, after its record:
 * if the upsert fails, bands pointing at a missing record only cost later lookups a comparison that fails.
 */
export function bandWriteCommands(k: KeySchema, storyId: string, bands: readonly string[], stories: number): RedisCommand[] {
  if (bands.length === 0) return [];
  const level = bandLevel(stories, bands.length);
  return [['EVAL', WRITE_SCRIPT, 1 + bands.length, k.storyCount, ...bands.map((b) => k.storyBands(level, bandShard(b, level))), storyId, ...bands]];
}

/** bandWriteCommands on a pipeline (bench:store's fill). */
export function queueBandWrites(pipeline: ChainableCommander, k: KeySchema, storyId: string, bands: readonly string[], stories: number): void {
  for (const [name, ...args] of bandWriteCommands(k, storyId, bands, stories)) pipeline.call(name, args);
}
