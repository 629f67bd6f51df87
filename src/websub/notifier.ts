/**
 * After a crawl changes feeds: which subscribed topics that touches, their
 * new documents, and one delivery job per subscriber. A topic is affected
 * when its path (format included) is one of the feed paths the changed
 * articles appear in (affected.ts); its parameters (?q=, ?limit=…) are then
 * rendered as the feed serves them, and a document byte-identical to the one
 * delivered last is not sent again. Fire-and-forget like the external
 * publisher: `changed` never throws and never holds up the crawl.
 */
import type { AppConfig } from '../config/index.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { within } from '../core/within.js';
import { affectedFeedUrls, type ChangedArticle } from './affected.js';
import type { DocumentStore } from './documents.js';
import type { HubQueue } from './jobs.js';
import type { SubscriptionStore, Subscription } from './subscriptions.js';

/** The topic as a reader fetching it gets it: status, body, Content-Type and Link headers. */
export type RenderTopic = (topic: string) => Promise<{ status: number; body: Buffer; contentType: string; link: string }>;

export interface HubNotifier {
  changed(articles: readonly ChangedArticle[]): void;
  /** Waits up to `graceMs` for fan-outs under way, then stops taking changes. */
  close(graceMs?: number): Promise<void>;
}

export function createHubNotifier(deps: {
  config: AppConfig;
  subscriptions: SubscriptionStore;
  documents: DocumentStore;
  queue: HubQueue;
  render: RenderTopic;
  clock: Clock;
  log: Logger;
}): HubNotifier {
  let closed = false;
  // One fan-out at a time, in order: two crawls finishing together cannot store documents out of order.
  let chain: Promise<void> = Promise.resolve();

  const fanOut = async (articles: readonly ChangedArticle[], changedAt: number): Promise<void> => {
    const subs = await deps.subscriptions.active();
    if (subs.length === 0) return;
    // Paths only: a subscriber may know the service by another origin than the worker's BANTIN_PUBLIC_URL.
    const paths = new Set(affectedFeedUrls(deps.config, 'http://x', articles).map((u) => new URL(u).pathname));
    const byTopic = new Map<string, Subscription[]>();
    for (const s of subs) {
      if (!paths.has(new URL(s.topic).pathname)) continue;
      byTopic.set(s.topic, [...(byTopic.get(s.topic) ?? []), s]);
    }
    for (const [topic, list] of byTopic) {
      try {
        const doc = await deps.render(topic);
        if (doc.status !== 200) {
          deps.log.warn({ topic, status: doc.status }, 'websub topic did not render: nothing delivered');
          continue;
        }
        const { changed, digest } = await deps.documents.put(topic, { body: doc.body, contentType: doc.contentType, link: doc.link });
        if (!changed) continue;
        await deps.queue.deliver(list.map((s) => ({ subscriptionId: s.id, topic, digest, changedAt })));
        deps.log.debug({ topic, subscribers: list.length }, 'websub deliveries queued');
      } catch (err) {
        deps.log.error({ err, topic }, 'websub fan-out failed for a topic');
      }
    }
  };

  return {
    changed(articles) {
      if (closed || articles.length === 0) return;
      const changedAt = deps.clock.now();
      chain = chain.then(() => fanOut(articles, changedAt)).catch((err: unknown) => deps.log.error({ err }, 'websub fan-out failed'));
    },
    async close(graceMs = 0) {
      closed = true;
      await within(chain, graceMs, undefined);
    },
  };
}
