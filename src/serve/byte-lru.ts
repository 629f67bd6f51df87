/**
 * A map bounded in bytes and in entries, least recently used out first: what
 * the render cache keeps its renders in, so no stream of distinct requests
 * can make it hold more than `maxBytes` of bodies. Sizes are the caller's
 * estimate of each value, taken once when it is stored.
 */
export interface ByteLruOptions<V> {
  maxBytes: number;
  maxEntries: number;
  sizeOf: (value: V) => number;
}

export interface ByteLru<V> {
  /** The value, now the most recently used. */
  get(key: string): V | undefined;
  /** Stores the value as the most recently used, evicting the least recently used past either bound; false when the value alone exceeds maxBytes (not kept). */
  set(key: string, value: V): boolean;
  delete(key: string): void;
  clear(): void;
  readonly size: number;
  /** Estimated bytes held, keys included. */
  readonly bytes: number;
  /** Entries dropped to stay within the bounds. */
  readonly evictions: number;
}

/** A key's own cost: two bytes per UTF-16 unit and the map slot around it. */
const keyBytes = (key: string): number => key.length * 2 + 64;

export function createByteLru<V>({ maxBytes, maxEntries, sizeOf }: ByteLruOptions<V>): ByteLru<V> {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const map = new Map<string, { value: V; bytes: number }>();
  let bytes = 0;
  let evictions = 0;

  const remove = (key: string): void => {
    const e = map.get(key);
    if (!e) return;
    map.delete(key);
    bytes -= e.bytes;
  };

  return {
    get(key) {
      const e = map.get(key);
      if (!e) return undefined;
      map.delete(key);
      map.set(key, e);
      return e.value;
    },
    set(key, value) {
      remove(key);
      const size = sizeOf(value) + keyBytes(key);
      if (size > maxBytes) return false;
      while (map.size > 0 && (bytes + size > maxBytes || map.size + 1 > maxEntries)) {
        remove(map.keys().next().value as string);
        evictions++;
      }
      map.set(key, { value, bytes: size });
      bytes += size;
      return true;
    },
    delete: remove,
    clear() {
      map.clear();
      bytes = 0;
    },
    get size() {
      return map.size;
    },
    get bytes() {
      return bytes;
    },
    get evictions() {
      return evictions;
    },
  };
}
