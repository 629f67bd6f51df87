/**
 * Content distribution (W3C WebSub §7): a POST of the topic's document to
 * one subscriber's callback, with the topic's Content-Type, `Link` rel=hub
 * and rel=self, and `X-Hub-Signature: sha256=<hex HMAC of the body>` when the
 * subscriber gave a secret. Only a 2xx counts as delivered.
 */
import { createHmac } from 'node:crypto';
import type { CallbackClient } from './callback-client.js';
import type { DocumentStore } from './documents.js';
import { CallbackError } from './errors.js';
import type { DeliverJob } from './jobs.js';
import type { SubscriptionStore } from './subscriptions.js';

export type DeliverOutcome = 'delivered' | 'no-subscription' | 'no-document';

export function signature(secret: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Throws CallbackError when the subscriber did not take it. */
export async function deliverOnce(job: DeliverJob, deps: { client: CallbackClient; subscriptions: SubscriptionStore; documents: DocumentStore }): Promise<DeliverOutcome> {
  // Read now, not when the job was made: an unsubscribe or a lapsed lease since then stops it.
  const sub = await deps.subscriptions.get(job.subscriptionId);
  if (sub === null || sub.topic !== job.topic) return 'no-subscription';
  // The newest document of the topic: a retry after a later change sends what is current.
  const doc = await deps.documents.get(job.topic);
  if (doc === null) return 'no-document';
  const headers: Record<string, string> = { 'content-type': doc.contentType, link: doc.link };
  if (sub.secret !== null) headers['x-hub-signature'] = signature(sub.secret, doc.body);
  const answer = await deps.client.post(sub.callback, doc.body, headers);
  if (answer.status < 200 || answer.status > 299) throw new CallbackError('status', sub.callback, `answered ${answer.status} to a delivery`, answer.status);
  return 'delivered';
}
