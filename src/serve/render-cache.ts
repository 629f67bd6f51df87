/**
 * Renders are made once per change, not per request. Each cached entry
 * remembers the change generation of every stream it was built from; the
 * store's pub/sub change messages bump those generations, so an entry is
 * stale exactly when an article of one of its streams was added, changed or
 * removed, in whichever replica did the write. Looking an entry up touches no
 * Redis: the hot path is a Map lookup.
 *
 * Until the subscription is up, and whenever the subscriber connection is
 * down (messages may be missed), nothing is current: every request renders.
 * Losing the subscriber, and getting it back, marks every entry stale
 * instead of dropping it (a change may have been missed while away): the
 * next request for each gets it as it was and starts rendering it again in
 * the background, so readers never wait on a revalidation; and for as long
 * as producing fails (Redis away) the stale entry is there to fall back on
 * (`lastGood`): stale beats nothing. An entry made stale by a change message
 * is not answered: the request waits for the new render. Entries are bounded in bytes and in
 * number, least recently used out first, so stale ones are not kept forever.
 */
import type { RedisClient } from '../redis/client.js';
import type { Logger } from '../core/log.js';
import { streamName, watchChanges, type StopWatching, type Stream } from '../store/index.js';
import { approxBytes } from './approx-bytes.js';
import { createByteLru } from './byte-lru.js';

export interface CacheStats {
  /** Times a value was produced (a render, or a page built from the store). */
  renders: number;
  hits: number;
  entries: number;
  /** Times everything was marked stale (start, subscriber lost or back, unreadable message). */
  resets: number;
  /** Estimated bytes the entries hold, current and stale. */
  bytes: number;
  /** Entries dropped to stay within maxBytes / maxEntries. */
  evictions: number;
  /** Times a stale entry was answered while it rendered again (after the subscriber was lost or came back). */
  revalidations: number;
}

export interface RenderCache<V> {
  /** A value that is still current, without I/O. */
  peek(key: string): V | undefined;
  /**
   * The current value, produced when missing or stale. Concurrent misses for
   * one key share one production. `produce` returning null means "do not cache".
   */
  get(key: string, streams: readonly Stream[], produce: () => Promise<V | null>): Promise<V | null>;
  /** The last value produced for this key, current or not; for when producing fails. */
  lastGood(key: string): V | undefined;
  /** Subscribe to store changes; caching starts when this resolves. */
  start(): Promise<void>;
  /** Stop following changes and forget every entry; `unsubscribe: false` as watchChanges' stop. */
  stop(options?: { unsubscribe?: boolean }): Promise<void>;
  stats(): CacheStats;
  /** Called after every applied change message (tests wait on it instead of sleeping). */
  onChange(listener: (streams: Stream[]) => void): () => void;
}

export interface RenderCacheDeps<V = unknown> {
  /** A dedicated connection: subscribed connections can run no other command. */
  subscriber: RedisClient;
  prefix: string;
  log: Logger;
  /** Entries kept at most, current and stale; the least recently used go first. */
  maxEntries?: number;
  /** Bytes the entries may hold (by `sizeOf`); the least recently used go first. */
  maxBytes?: number;
  /** A value's size in bytes; an estimate from its strings and byte arrays by default. */
  sizeOf?: (value: V) => number;
}

export const DEFAULT_CACHE_MAX_BYTES = 256 * 1024 * 1024;
/** The epoch of an entry produced while nothing could be trusted as current: usable as a fallback only. */
const STALE = -1;

interface Entry<V> {
  value: V;
  epoch: number;
  streams: string[];
  gens: number[];
}

export function createRenderCache<V>({
  subscriber,
  prefix,
  log,
  maxEntries = 2000,
  maxBytes = DEFAULT_CACHE_MAX_BYTES,
  sizeOf = approxBytes,
}: RenderCacheDeps<V>): RenderCache<V> {
  const entries = createByteLru<Entry<V>>({ maxBytes, maxEntries, sizeOf: (e) => sizeOf(e.value) + approxBytes(e.streams) + e.gens.length * 8 });
  const inflight = new Map<string, Promise<V | null>>();
  const gens = new Map<string, number>();
  const listeners = new Set<(streams: Stream[]) => void>();
  const stats = { renders: 0, hits: 0, resets: 0, revalidations: 0 };
  let epoch = 0;
  let live = false;
  let unwatch: StopWatching | null = null;

  /** Everything cached so far becomes stale (kept for lastGood, never served as current). */
  const reset = (why: string): void => {
    epoch++;
    stats.resets++;
    gens.clear();
    log.info({ why, entries: entries.size }, 'render cache marked stale');
  };

  const current = (e: Entry<V>): boolean => {
    if (e.epoch !== epoch) return false;
    for (let i = 0; i < e.streams.length; i++) if ((gens.get(e.streams[i] as string) ?? 0) !== e.gens[i]) return false;
    return true;
  };

  const render = (key: string, streams: readonly Stream[], produce: () => Promise<V | null>): Promise<V | null> => {
    const names = streams.map(streamName);
    // Taken before reading the store: a change landing during the render makes the entry stale at once.
    const snapshot = { epoch, gens: names.map((n) => gens.get(n) ?? 0), live };
    const job = (async () => {
      stats.renders++;
      const value = await produce();
      if (value !== null) {
        // Made while changes could not be followed, it is only ever a fallback.
        const trusted = snapshot.live && live;
        entries.set(key, { value, epoch: trusted ? snapshot.epoch : STALE, streams: names, gens: snapshot.gens });
      }
      return value;
    })();
    inflight.set(key, job);
    const done = (): void => {
      if (inflight.get(key) === job) inflight.delete(key);
    };
    job.then(done, done);
    return job;
  };

  const onClose = (): void => {
    if (!live) return;
    live = false;
    reset('subscriber connection lost');
  };

  return {
    peek(key) {
      if (!live) return undefined;
      const e = entries.get(key);
      if (!e || !current(e)) return undefined;
      stats.hits++;
      return e.value;
    },

    async get(key, streams, produce) {
      const hit = this.peek(key);
      if (hit !== undefined) return hit;
      const job = inflight.get(key) ?? render(key, streams, produce);
      const e = entries.get(key);
      // Stale because changes could not be followed (subscriber lost, or back), not because one was seen:
      // answered as it is while it renders again, so readers do not wait on the revalidation.
      if (e !== undefined && e.epoch !== epoch) {
        stats.revalidations++;
        job.catch((error: unknown) => log.debug({ err: error, key }, 'render cache: revalidation failed, keeping the stale render'));
        return e.value;
      }
      return job;
    },

    lastGood(key) {
      return entries.get(key)?.value;
    },

    async start() {
      if (unwatch) return;
      subscriber.on('close', onClose);
      unwatch = await watchChanges(subscriber, prefix, {
        onChange(streams) {
          for (const s of streams) {
            const name = streamName(s);
            gens.set(name, (gens.get(name) ?? 0) + 1);
          }
          for (const l of listeners) l(streams);
        },
        onReset() {
          reset('subscriber reconnected');
          live = true;
        },
      });
      reset('subscribed');
      live = true;
    },

    async stop(options) {
      live = false;
      subscriber.off('close', onClose);
      const u = unwatch;
      unwatch = null;
      entries.clear();
      if (u) await u(options);
    },

    stats() {
      return { ...stats, entries: entries.size, bytes: entries.bytes, evictions: entries.evictions };
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** For a process that runs without a subscriber: correct, never cached. */
export function uncached<V>(): RenderCache<V> {
  const stats = { renders: 0, hits: 0, resets: 0, revalidations: 0 };
  return {
    peek: () => undefined,
    lastGood: () => undefined,
    async get(_key, _streams, produce) {
      stats.renders++;
      return produce();
    },
    start: async () => undefined,
    stop: async () => undefined,
    stats: () => ({ ...stats, entries: 0, bytes: 0, evictions: 0 }),
    onChange: () => () => undefined,
  };
}
