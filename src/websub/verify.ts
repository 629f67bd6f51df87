/**
 * Verification of intent (W3C WebSub §5.3): a GET to the callback with
 * hub.mode, hub.topic, hub.challenge and hub.lease_seconds appended to its
 * own query; only a 2xx whose body is the challenge verifies. A verified
 * subscribe stores the subscription (lease from the moment the GET was
 * sent), a verified unsubscribe removes it; anything else leaves the state
 * as it was.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { CallbackClient } from './callback-client.js';
import { CallbackError } from './errors.js';
import type { VerifyJob } from './jobs.js';
import type { SubscriptionStore } from './subscriptions.js';

export type VerifyOutcome = 'subscribed' | 'unsubscribed';

export function verificationUrl(job: VerifyJob, challenge: string): string {
  const url = new URL(job.callback);
  url.searchParams.append('hub.mode', job.mode);
  url.searchParams.append('hub.topic', job.topicAsGiven);
  url.searchParams.append('hub.challenge', challenge);
  url.searchParams.append('hub.lease_seconds', String(job.leaseSeconds));
  return url.toString();
}

/** Throws CallbackError when the subscriber did not confirm. */
export async function verifyIntent(job: VerifyJob, deps: { client: CallbackClient; subscriptions: SubscriptionStore; clock: Clock }): Promise<VerifyOutcome> {
  const challenge = randomBytes(24).toString('base64url');
  const sentAt = deps.clock.now();
  const answer = await deps.client.get(verificationUrl(job, challenge));
  if (answer.status < 200 || answer.status > 299) throw new CallbackError('status', job.callback, `answered ${answer.status} to the verification`, answer.status);
  if (answer.text.trim() !== challenge) throw new CallbackError('challenge', job.callback, 'did not echo hub.challenge');
  if (job.mode === 'unsubscribe') {
    await deps.subscriptions.remove(job.topic, job.callback);
    return 'unsubscribed';
  }
  await deps.subscriptions.put({ topic: job.topic, callback: job.callback, secret: job.secret, leaseSeconds: job.leaseSeconds, verifiedAt: sentAt });
  return 'subscribed';
}
