/**
 * Renders are made once per change, not per request. Each cached entry
 * remembers the change generation of every stream it was built from; the
 * store's pub/sub change messages bump those generations, so an entry is
 * stale exactly when an article of one of its streams was added, changed or
 * removed, in whichever replica did the write. Looking an entry up touches no
 * Redis: the hot path is a Map lookup.
 *
 * Until the subscription is up, and whenever the subscriber connection is
 * down (messages may be missed), nothing is kept: every request renders.
 * On reconnect everything cached is dropped. The last value produced for
 * each key is remembered apart, whatever happened since, for a caller to
 * fall back on when producing fails (Redis away): stale beats nothing.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../core/log.js';
import { streamName, watchChanges, type Stream } from '../store/index.js';

export interface CacheStats {
  /** Times a value was produced (a render, or a page built from the store). */
  renders: number;
  hits: number;
  entries: number;
  /** Times everything was dropped (start, reconnect, unreadable message). */
  resets: number;
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
  stop(): Promise<void>;
  stats(): CacheStats;
  /** Called after every applied change message (tests wait on it instead of sleeping). */
  onChange(listener: (streams: Stream[]) => void): () => void;
}

export interface RenderCacheDeps {
  /** A dedicated connection: subscribed connections can run no other command. */
  subscriber: Redis;
  prefix: string;
  log: Logger;
  /** Entries kept at most; the oldest go first. */
  maxEntries?: number;
}

interface Entry<V> {
  value: V;
  epoch: number;
  streams: string[];
  gens: number[];
}

export function createRenderCache<V>({ subscriber, prefix, log, maxEntries = 2000 }: RenderCacheDeps): RenderCache<V> {
  const entries = new Map<string, Entry<V>>();
  const inflight = new Map<string, Promise<V | null>>();
  const last = new Map<string, V>();
  const gens = new Map<string, number>();
  const listeners = new Set<(streams: Stream[]) => void>();
  const stats = { renders: 0, hits: 0, resets: 0 };
  let epoch = 0;
  let live = false;
  let unwatch: (() => Promise<void>) | null = null;

  const reset = (why: string): void => {
    epoch++;
    stats.resets++;
    entries.clear();
    gens.clear();
    log.info({ why }, 'render cache dropped');
  };

  const current = (e: Entry<V>): boolean => {
    if (e.epoch !== epoch) return false;
    for (let i = 0; i < e.streams.length; i++) if ((gens.get(e.streams[i] as string) ?? 0) !== e.gens[i]) return false;
    return true;
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
      if (!e) return undefined;
      if (!current(e)) {
        entries.delete(key);
        return undefined;
      }
      stats.hits++;
      return e.value;
    },

    async get(key, streams, produce) {
      const hit = this.peek(key);
      if (hit !== undefined) return hit;
      const running = inflight.get(key);
      if (running) return running;
      const names = streams.map(streamName);
      // Taken before reading the store: a change landing during the render makes the entry stale at once.
      const snapshot = { epoch, gens: names.map((n) => gens.get(n) ?? 0), live };
      const job = (async () => {
        stats.renders++;
        const value = await produce();
        if (value !== null) {
          last.delete(key);
          last.set(key, value);
          if (last.size > maxEntries) last.delete(last.keys().next().value as string);
        }
        if (value !== null && snapshot.live && live) {
          entries.set(key, { value, epoch: snapshot.epoch, streams: names, gens: snapshot.gens });
          if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
        }
        return value;
      })();
      inflight.set(key, job);
      try {
        return await job;
      } finally {
        inflight.delete(key);
      }
    },

    lastGood(key) {
      return last.get(key);
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

    async stop() {
      live = false;
      subscriber.off('close', onClose);
      const u = unwatch;
      unwatch = null;
      entries.clear();
      if (u) await u();
    },

    stats() {
      return { ...stats, entries: entries.size };
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** For a process that runs without a subscriber: correct, never cached. */
export function uncached<V>(): RenderCache<V> {
  const stats = { renders: 0, hits: 0, resets: 0 };
  return {
    peek: () => undefined,
    lastGood: () => undefined,
    async get(_key, _streams, produce) {
      stats.renders++;
      return produce();
    },
    start: async () => undefined,
    stop: async () => undefined,
    stats: () => ({ ...stats, entries: 0 }),
    onChange: () => () => undefined,
  };
}
