/**
 * Subscriptions of bantin's own hub, in Redis under the configured prefix:
 *
 *   {prefix}:websub:sub:{id}   hash: topic, callback, secret, leaseSeconds, subscribedAt, expiresAt (epoch ms)
 *   {prefix}:websub:subs       sorted set: subscription id scored by expiresAt
 *
 * The id is a hash of topic and callback: subscribing again to the same pair
 * replaces the subscription (lease renewed, new secret or none). Leases are
 * enforced on read against the injected clock (a lapsed subscription is never
 * returned, before any sweep), and `sweep` deletes what has lapsed. Every
 * hash also gets a Redis expiry a week past its lease, so nothing outlives a
 * hub that stopped sweeping.
 *
 * The hashes and the sorted set may sit in different slots of a Redis
 * Cluster, so nothing writes them in one MULTI: a put writes the hash before
 * indexing it, a removal unindexes before deleting, so a step cut short
 * leaves at most a hash nobody lists, which its own expiry removes.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from '../redis/client.js';
import { z } from 'zod';
import type { Clock } from '../core/clock.js';
import { CorruptRecordError } from '../core/errors.js';

export interface Subscription {
  id: string;
  topic: string;
  callback: string;
  /** Null: deliveries are not signed. */
  secret: string | null;
  leaseSeconds: number;
  subscribedAt: number;
  expiresAt: number;
}

const BACKSTOP_MS = 7 * 24 * 3600_000;

const stored = z.object({
  topic: z.url(),
  callback: z.url(),
  secret: z.string().optional(),
  leaseSeconds: z.coerce.number().int().positive(),
  subscribedAt: z.coerce.number().int().nonnegative(),
  expiresAt: z.coerce.number().int().nonnegative(),
});

export function subscriptionId(topic: string, callback: string): string {
  return createHash('sha256').update(`${topic}\n${callback}`).digest('hex').slice(0, 24);
}

export function websubKeys(prefix: string) {
  return {
    sub: (id: string) => `${prefix}:websub:sub:${id}`,
    subs: `${prefix}:websub:subs`,
    doc: (topicHash: string) => `${prefix}:websub:doc:${topicHash}`,
  };
}

export interface SubscriptionStore {
  /** Adds or replaces the subscription of this topic and callback, its lease counted from `verifiedAt`. */
  put(s: { topic: string; callback: string; secret: string | null; leaseSeconds: number; verifiedAt: number }): Promise<Subscription>;
  remove(topic: string, callback: string): Promise<boolean>;
  removeById(id: string): Promise<boolean>;
  get(id: string): Promise<Subscription | null>;
  /** Every subscription whose lease has not run out. */
  active(): Promise<Subscription[]>;
  /** Deletes lapsed subscriptions; returns how many. */
  sweep(): Promise<number>;
}

export function createSubscriptionStore(deps: { redis: RedisClient; prefix: string; clock: Clock }): SubscriptionStore {
  const { redis, clock } = deps;
  const k = websubKeys(deps.prefix);

  const decode = (id: string, raw: Record<string, string>): Subscription | null => {
    if (Object.keys(raw).length === 0) return null;
    const parsed = stored.safeParse(raw);
    if (!parsed.success) throw new CorruptRecordError(k.sub(id), parsed.error.issues[0]?.message ?? 'invalid');
    const d = parsed.data;
    return { id, topic: d.topic, callback: d.callback, secret: d.secret ?? null, leaseSeconds: d.leaseSeconds, subscribedAt: d.subscribedAt, expiresAt: d.expiresAt };
  };

  const removeIds = async (ids: string[]): Promise<number> => {
    if (ids.length === 0) return 0;
    const removed = await redis.zrem(k.subs, ...ids);
    await Promise.all(ids.map((id) => redis.del(k.sub(id))));
    return removed;
  };

  return {
    async put(s) {
      const id = subscriptionId(s.topic, s.callback);
      const expiresAt = s.verifiedAt + s.leaseSeconds * 1000;
      const fields: Record<string, string> = {
        topic: s.topic,
        callback: s.callback,
        leaseSeconds: String(s.leaseSeconds),
        subscribedAt: String(s.verifiedAt),
        expiresAt: String(expiresAt),
      };
      if (s.secret !== null) fields.secret = s.secret;
      // One key per MULTI: the hash replaced whole, then listed.
      await redis
        .multi()
        .del(k.sub(id))
        .hset(k.sub(id), fields)
        .pexpire(k.sub(id), s.leaseSeconds * 1000 + BACKSTOP_MS)
        .exec();
      await redis.zadd(k.subs, expiresAt, id);
      return { id, topic: s.topic, callback: s.callback, secret: s.secret, leaseSeconds: s.leaseSeconds, subscribedAt: s.verifiedAt, expiresAt };
    },
    async remove(topic, callback) {
      return (await removeIds([subscriptionId(topic, callback)])) > 0;
    },
    async removeById(id) {
      return (await removeIds([id])) > 0;
    },
    async get(id) {
      const sub = decode(id, await redis.hgetall(k.sub(id)));
      return sub !== null && sub.expiresAt > clock.now() ? sub : null;
    },
    async active() {
      const now = clock.now();
      const ids = await redis.zrangebyscore(k.subs, `(${now}`, '+inf');
      if (ids.length === 0) return [];
      // Not one pipeline: on a cluster the hashes are spread over slots; the reads are sent together all the same.
      const rows = await Promise.all(ids.map((id) => redis.hgetall(k.sub(id))));
      const out: Subscription[] = [];
      ids.forEach((id, i) => {
        const raw = rows[i];
        const sub = raw ? decode(id, raw) : null;
        if (sub !== null && sub.expiresAt > now) out.push(sub);
      });
      return out;
    },
    async sweep() {
      return removeIds(await redis.zrangebyscore(k.subs, '-inf', String(clock.now())));
    },
  };
}
