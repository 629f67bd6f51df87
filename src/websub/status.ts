/** What `GET /api/websub` shows an operator: subscriptions (never their secrets), subscribers per topic, the queue. */
import type { Clock } from '../core/clock.js';
import type { HubQueue } from './jobs.js';
import type { SubscriptionStore } from './subscriptions.js';

export interface HubStatus {
  subscriptions: { id: string; topic: string; callback: string; signed: boolean; leaseSeconds: number; subscribedAt: string; expiresAt: string }[];
  topics: { topic: string; subscribers: number }[];
  queue: Record<string, number>;
}

/** Subscribers per topic URL, for the metrics gauge and the status. */
export async function subscribersPerTopic(subscriptions: SubscriptionStore): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const s of await subscriptions.active()) counts.set(s.topic, (counts.get(s.topic) ?? 0) + 1);
  return counts;
}

export async function hubStatus(deps: { subscriptions: SubscriptionStore; queue: Pick<HubQueue, 'counts'>; clock: Clock }): Promise<HubStatus> {
  await deps.subscriptions.sweep();
  const subs = (await deps.subscriptions.active()).sort((a, b) => a.topic.localeCompare(b.topic) || a.callback.localeCompare(b.callback));
  const perTopic = await subscribersPerTopic(deps.subscriptions);
  return {
    subscriptions: subs.map((s) => ({
      id: s.id,
      topic: s.topic,
      callback: s.callback,
      signed: s.secret !== null,
      leaseSeconds: s.leaseSeconds,
      subscribedAt: new Date(s.subscribedAt).toISOString(),
      expiresAt: new Date(s.expiresAt).toISOString(),
    })),
    topics: [...perTopic].map(([topic, subscribers]) => ({ topic, subscribers })).sort((a, b) => a.topic.localeCompare(b.topic)),
    queue: await deps.queue.counts(),
  };
}
