/**
 * A Redis client with one of its commands wrapped, to make a fault or a race happen at an exact point of
 * the code under test (a failed reply, a write slipped in between two reads); every other command goes
 * to the client as it is.
 */
import type { RedisClient } from '../../src/redis/client.js';

type Command = (...args: never[]) => Promise<unknown>;

export function intercept<K extends keyof RedisClient>(client: RedisClient, command: K, wrap: (original: RedisClient[K]) => RedisClient[K]): RedisClient {
  const original = (client[command] as Command).bind(client) as RedisClient[K];
  const wrapped = wrap(original);
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === command) return wrapped;
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...xs: unknown[]) => unknown).bind(target) : value;
    },
  });
}
