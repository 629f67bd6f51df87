/** The render cache's store: bounded in bytes and in entries, least recently used out first. */
import { describe, expect, it } from 'vitest';
import { createByteLru } from '../../src/serve/byte-lru.js';

/** Values are their own size; keys of one letter cost 66 bytes each (two per unit plus 64). */
const lru = (maxBytes: number, maxEntries = 100) => createByteLru<number>({ maxBytes, maxEntries, sizeOf: (n) => n });
const KEY = 66;

describe('byte-bounded LRU', () => {
  it('evicts the least recently used entries once the bytes would pass the bound', () => {
    const c = lru(3 * (100 + KEY));
    c.set('a', 100);
    c.set('b', 100);
    c.set('c', 100);
    expect(c.bytes).toBe(3 * (100 + KEY));
    // Reading `a` makes `b` the least recently used.
    expect(c.get('a')).toBe(100);
    c.set('d', 100);
    expect([c.get('b'), c.get('a'), c.get('c'), c.get('d')]).toEqual([undefined, 100, 100, 100]);
    expect(c.evictions).toBe(1);
    // One big value pushes out as many of the oldest as it needs.
    c.set('e', 250);
    expect([c.get('a'), c.get('c'), c.get('d'), c.get('e')]).toEqual([undefined, undefined, 100, 250]);
    expect(c.bytes).toBeLessThanOrEqual(3 * (100 + KEY));
    expect(c.size).toBe(2);
  });

  it('counts a replaced value once, and keeps nothing bigger than the whole bound', () => {
    const c = lru(1000);
    c.set('a', 100);
    c.set('a', 300);
    expect([c.size, c.bytes]).toEqual([1, 300 + KEY]);
    expect(c.set('huge', 5000)).toBe(false);
    expect(c.get('huge')).toBeUndefined();
    expect(c.get('a')).toBe(300);
    c.delete('a');
    expect([c.size, c.bytes]).toEqual([0, 0]);
  });

  it('also holds to the entry bound', () => {
    const c = lru(1e9, 3);
    for (const k of ['a', 'b', 'c', 'd']) c.set(k, 1);
    expect(c.size).toBe(3);
    expect(c.get('a')).toBeUndefined();
  });
});
