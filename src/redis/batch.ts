/**
 * Independent commands in one round trip, on either topology. On a single
 * Redis they go in one pipeline (or one MULTI when `atomic`); on a cluster
 * each goes on its own, all at once, to its slot's master: ioredis refuses
 * a cluster pipeline whose keys are not all served by one node, and a
 * MULTI whose keys are not in one slot. So `atomic` holds on a single
 * Redis only; callers that need it on a cluster order their steps instead.
 */
import type { RedisClient } from './client.js';
import { topologyOf } from './client.js';

export type RedisArg = string | Buffer | number;
/** A command as data: its name, then its arguments (`['ZADD', key, score, member]`). */
export type RedisCommand = readonly [name: string, ...args: RedisArg[]];

export interface SendOptions {
  /** One MULTI on a single Redis (ignored on a cluster, where the commands are in different slots). */
  atomic?: boolean;
  /** Replies as Buffers (records), not strings. */
  buffers?: boolean;
}

/** Every command's reply in order; the first failed command's error is thrown. */
export async function sendTogether(client: RedisClient, commands: readonly RedisCommand[], options: SendOptions = {}): Promise<unknown[]> {
  if (commands.length === 0) return [];
  if (topologyOf(client) === 'cluster') {
    return Promise.all(commands.map(([name, ...args]) => (options.buffers ? client.callBuffer(name, args) : client.call(name, args))));
  }
  const batch = options.atomic ? client.multi() : client.pipeline();
  for (const [name, ...args] of commands) {
    if (options.buffers) batch.callBuffer(name, args);
    else batch.call(name, args);
  }
  const results = (await batch.exec()) ?? [];
  if (results.length !== commands.length) throw new Error(`redis answered ${results.length} of ${commands.length} commands`);
  return results.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}

/** Many string values as Buffers: one MGET on a single Redis; on a cluster, where MGET wants one slot, a GET each, sent at once. */
export async function getBuffers(client: RedisClient, keys: readonly string[]): Promise<(Buffer | null)[]> {
  if (keys.length === 0) return [];
  if (topologyOf(client) === 'single') return client.mgetBuffer([...keys]);
  return Promise.all(keys.map((key) => client.getBuffer(key)));
}

/**
 * A WITHSCORES reply sent with `call` as one flat list (member, score, member, score…): over RESP3, which
 * ioredis speaks to Redis 7, it comes as pairs, and only ioredis' own command methods flatten them.
 */
export function flatPairs(reply: unknown): string[] {
  if (!Array.isArray(reply)) throw new TypeError('a WITHSCORES reply is not a list');
  return reply.flat().map((x) => String(x));
}
