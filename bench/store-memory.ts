/**
 * Where a store's Redis memory goes, for `npm run bench:store`: MEMORY
 * USAGE (exact: SAMPLES 0) of every key under a prefix, summed by what the
 * key is for (src/store/keys.ts), beside the server's used_memory.
 */
import type { Redis } from 'ioredis';

export type MemoryPart = 'record' | 'indexes' | 'url maps' | 'stories' | 'other keys';
export const MEMORY_PARTS: MemoryPart[] = ['record', 'indexes', 'url maps', 'stories', 'other keys'];

export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  const m = /^used_memory:(\d+)/m.exec(info);
  if (!m) throw new Error('INFO memory gave no used_memory');
  return Number(m[1]);
}

function partOf(prefix: string, key: string): MemoryPart {
  const rest = key.slice(prefix.length + 1);
  if (rest.startsWith('article:')) return 'record';
  if (rest.startsWith('idx:story:') || rest.startsWith('story:')) return 'stories';
  if (rest.startsWith('idx:') || rest === 'topic-names') return 'indexes';
  if (rest === 'urls' || rest.startsWith('article-urls:')) return 'url maps';
  return 'other keys';
}

/** Bytes by part, from MEMORY USAGE of each key (the key, its value and Redis' own per-key structures). */
export async function memoryByPart(redis: Redis, prefix: string): Promise<Map<MemoryPart, number>> {
  const out = new Map<MemoryPart, number>(MEMORY_PARTS.map((p) => [p, 0]));
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of found) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    const answers = (await pipeline.exec()) ?? [];
    answers.forEach(([err, bytes], i) => {
      if (err) throw err;
      const part = partOf(prefix, found[i] as string);
      out.set(part, (out.get(part) ?? 0) + Number(bytes ?? 0));
    });
  } while (cursor !== '0');
  return out;
}
