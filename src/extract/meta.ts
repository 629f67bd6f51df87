/**
 * `<meta>` tags, read in one pass: property/name (lowercased; `<meta itemprop>` is microdata's) →
 * contents in page order. Looking keys up one selector at a time walked the
 * whole document once per key.
 */
import { query, type Doc } from './dom.js';

export type MetaMap = ReadonlyMap<string, readonly string[]>;

export function readMeta(doc: Doc): MetaMap {
  const map = new Map<string, string[]>();
  for (const el of query(doc, 'meta').toArray()) {
    const content = el.attribs.content?.trim();
    if (!content) continue;
    for (const attr of ['property', 'name'] as const) {
      const key = el.attribs[attr]?.trim().toLowerCase();
      if (!key) continue;
      const list = map.get(key);
      if (list) list.push(content);
      else map.set(key, [content]);
    }
  }
  return map;
}

/** The first content of each key that has one, in the order of `keys`. */
export function metaValues(meta: MetaMap, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const value = meta.get(key)?.[0];
    if (value !== undefined) out.push(value);
  }
  return out;
}

export function metaValue(meta: MetaMap, keys: readonly string[]): string | null {
  return metaValues(meta, keys)[0] ?? null;
}
