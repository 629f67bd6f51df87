/**
 * bantin's own WebSub hub with real subscribers on loopback and the tests'
 * own redis-server: POST /websub, verification of intent, signed deliveries
 * after a change, resubscription, unsubscription, lease expiry (ManualClock),
 * and a failing and a hanging subscriber isolated from the rest.
 */
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { loadConfig, readSettings, type AppConfig, type Settings } from '../../src/config/index.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createApp } from '../../src/serve/index.js';
import { createRedisStore, keys, type ArticleStore } from '../../src/store/index.js';
import {
  createDocumentStore,
  createHubNotifier,
  createHubQueue,
  createSubscriptionStore,
  startHubWorker,
  type HubNotifier,
  type HubQueue,
  type HubWorker,
  type SubscriptionStore,
} from '../../src/websub/index.js';
import { createCallbackClient, createHubApp, hubStatus } from '../../src/websub/hub.js';
import { makeArticle } from '../support/articles.js';
import { ROOT } from '../support/config-copy.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { startSubscriber, type Subscriber } from './subscriber.js';

const PREFIX = 'hubtest';
const ORIGIN = 'http://bantin.test';
const TOPIC = `${ORIGIN}/topics/ha-noi.atom`;
const log = silentLogger();

let redis: TestRedis;
let config: AppConfig;
let settings: Settings;
let clock: ManualClock;
let store: ArticleStore;
let subscriptions: SubscriptionStore;
let queue: HubQueue;
let worker: HubWorker;
let notifier: HubNotifier;
let app: Hono;
const outcomes = { verification: [] as string[], delivery: [] as string[] };
/** Measured at the subscribers: from the change being announced to the delivery arriving (wall clock). */
const latencies: number[] = [];
const subscribers: Subscriber[] = [];
let n = 0;

function env(extra: Record<string, string> = {}): Settings {
  return readSettings({
    BANTIN_REDIS_PREFIX: PREFIX,
    BANTIN_ALLOW_PRIVATE_NETWORKS: '1',
    WEBSUB_LEASE_MIN_S: '60',
    WEBSUB_LEASE_DEFAULT_S: '3600',
    WEBSUB_LEASE_MAX_S: '86400',
    WEBSUB_TIMEOUT_MS: '400',
    WEBSUB_RETRY_BASE_MS: '50',
    WEBSUB_DELIVERY_ATTEMPTS: '5',
    ...extra,
  });
}

beforeAll(async () => {
  redis = await startTestRedis();
  config = await loadConfig({ configDir: path.join(ROOT, 'config'), feedsDir: path.join(ROOT, 'feeds') });
  settings = env();
  clock = new ManualClock(Date.now());
  const client = redis.client();
  store = createRedisStore({ redis: client, prefix: PREFIX, log });
  subscriptions = createSubscriptionStore({ redis: client, prefix: PREFIX, clock });
  const documents = createDocumentStore({ redis: client, prefix: PREFIX });
  queue = createHubQueue({ connection: client, prefix: keys(PREFIX).queuePrefix, log, retry: { attempts: 5, baseDelayMs: 50 } });
  app = createApp({ store, config, settings, clock, log, ready: async () => ({ ok: true, checks: {} }), mounts: [{ path: '/websub', app: createHubApp({ config, settings, queue, log }) }] });
  notifier = createHubNotifier({
    config,
    subscriptions,
    documents,
    queue,
    clock,
    log,
    render: async (topic) => {
      const res = await app.request(topic);
      return { status: res.status, body: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? '', link: res.headers.get('link') ?? '' };
    },
  });
  worker = startHubWorker({
    connection: redis.client(),
    prefix: keys(PREFIX).queuePrefix,
    concurrency: 8,
    client: createCallbackClient({ allowPrivate: true, timeoutMs: 400, userAgent: 'bantin/test' }),
    subscriptions,
    documents,
    clock,
    log,
    observer: {
      verification: (mode, outcome) => outcomes.verification.push(`${mode}:${outcome}`),
      delivery: (outcome) => outcomes.delivery.push(outcome),
    },
  });
});
afterAll(async () => {
  await notifier.close(1000);
  await worker.close(0);
  await queue.close();
  await Promise.all(subscribers.map((s) => s.close()));
  await redis.stop();
  // eslint-disable-next-line no-console -- the measured latency is this test's figure, read in the test log
  if (latencies.length > 0) console.log(`websub first-attempt delivery latency (change announced → request at the subscriber), ms: ${latencies.sort((a, b) => a - b).join(', ')}`);
});
beforeEach(async () => {
  for (const s of await subscriptions.active()) await subscriptions.removeById(s.id);
});

const subscriber = async (): Promise<Subscriber> => {
  const s = await startSubscriber(`/cb/${subscribers.length}?token=t${subscribers.length}`);
  subscribers.push(s);
  return s;
};

function hubPost(fields: Record<string, string>, origin = ORIGIN, hub: Hono = app): Promise<Response> {
  return Promise.resolve(hub.request(`${origin}/websub`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() }));
}

async function subscribe(sub: Subscriber, extra: Record<string, string> = {}, topic = TOPIC): Promise<void> {
  const before = sub.verifications.length;
  const res = await hubPost({ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.callback': sub.callback, ...extra });
  expect(res.status).toBe(202);
  await sub.verified(before + 1);
  // Stored under the feed's self URL (its parameters in the feed's own order), whatever order they came in.
  await expect.poll(async () => (await subscriptions.active()).some((s) => s.callback === sub.callback), { timeout: 3000, interval: 20 }).toBe(true);
}

/** A crawl's outcome as the worker reports it: a new article stored in ha-noi, then onChanged. */
async function crawlChanges(): Promise<number> {
  const article = makeArticle(1000 + n++);
  await store.upsert(article);
  const at = Date.now();
  notifier.changed([article]);
  return at;
}

const sign = (secret: string, body: Buffer): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('POST /websub', () => {
  it('refuses what it cannot take with a 4xx naming the field', async () => {
    const cb = 'http://127.0.0.1:9/cb';
    const cases: [Record<string, string>, number, string][] = [
      [{ 'hub.mode': 'publish', 'hub.topic': TOPIC, 'hub.callback': cb }, 400, 'hub.mode'],
      [{ 'hub.mode': 'follow', 'hub.topic': TOPIC, 'hub.callback': cb }, 400, 'hub.mode'],
      [{ 'hub.mode': 'subscribe', 'hub.callback': cb }, 400, 'hub.topic'],
      [{ 'hub.mode': 'subscribe', 'hub.topic': 'https://example.com/feed.xml', 'hub.callback': cb }, 400, 'hub.topic'],
      [{ 'hub.mode': 'subscribe', 'hub.topic': `${ORIGIN}/about`, 'hub.callback': cb }, 400, 'hub.topic'],
      [{ 'hub.mode': 'subscribe', 'hub.topic': `${ORIGIN}/feeds/no-such-feed.rss`, 'hub.callback': cb }, 400, 'hub.topic'],
      [{ 'hub.mode': 'subscribe', 'hub.topic': `${TOPIC}?limit=500`, 'hub.callback': cb }, 400, 'hub.topic'],
      [{ 'hub.mode': 'subscribe', 'hub.topic': TOPIC }, 400, 'hub.callback'],
      [{ 'hub.mode': 'subscribe', 'hub.topic': TOPIC, 'hub.callback': 'ftp://x/cb' }, 400, 'hub.callback'],
      [{ 'hub.mode': 'subscribe', 'hub.topic': TOPIC, 'hub.callback': cb, 'hub.lease_seconds': '-5' }, 400, 'hub.lease_seconds'],
      [{ 'hub.mode': 'subscribe', 'hub.topic': TOPIC, 'hub.callback': cb, 'hub.secret': 'x'.repeat(200) }, 400, 'hub.secret'],
    ];
    for (const [fields, status, field] of cases) {
      const res = await hubPost(fields);
      expect(res.status, JSON.stringify(fields)).toBe(status);
      expect(await res.text()).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
    }
    const wrongType = await app.request(`${ORIGIN}/websub`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    expect((await app.request(`${ORIGIN}/websub`)).status).toBe(405);
  });

  it('refuses a callback on a private or loopback address unless private networks are allowed', async () => {
    const strict = env({ BANTIN_ALLOW_PRIVATE_NETWORKS: '0' });
    const hub = createApp({ store, config, settings: strict, clock, log, ready: async () => ({ ok: true, checks: {} }), mounts: [{ path: '/websub', app: createHubApp({ config, settings: strict, queue, log }) }] });
    for (const cb of ['http://127.0.0.1:8080/cb', 'http://[::1]/cb', 'http://10.1.2.3/cb', 'http://169.254.169.254/latest']) {
      const res = await hubPost({ 'hub.mode': 'subscribe', 'hub.topic': TOPIC, 'hub.callback': cb }, ORIGIN, hub);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/^hub\.callback: .*non-public/);
    }
    // A name that resolves to loopback passes the form and is refused at connect time, by the crawler's guard.
    const guarded = createCallbackClient({ allowPrivate: false, timeoutMs: 1000, userAgent: 'bantin/test' });
    await expect(guarded.get('http://localhost:9/cb')).rejects.toMatchObject({ kind: 'websub-callback', failure: 'blocked-address' });
    await guarded.close();
  });
});

describe('subscriptions', () => {
  it('verifies intent: the callback gets mode, topic, challenge and the clamped lease, its own query kept', async () => {
    const sub = await subscriber();
    await subscribe(sub, { 'hub.lease_seconds': '5' });
    const v = sub.verifications.at(-1);
    expect(v).toMatchObject({ mode: 'subscribe', topic: TOPIC, leaseSeconds: '60' });
    expect(v?.challenge.length).toBeGreaterThanOrEqual(20);
    expect(v?.query.get('token')).toBe('t0');
    const [s] = (await subscriptions.active()).filter((x) => x.callback === sub.callback);
    expect(s?.leaseSeconds).toBe(60);
    expect(s?.expiresAt).toBe(clock.now() + 60_000);
  });

  it('leaves no subscription when the callback echoes something else, or says 404', async () => {
    for (const how of ['wrong', 'refuse'] as const) {
      const sub = await subscriber();
      sub.verify = how;
      const before = outcomes.verification.length;
      expect((await hubPost({ 'hub.mode': 'subscribe', 'hub.topic': TOPIC, 'hub.callback': sub.callback })).status).toBe(202);
      await sub.verified(1);
      await expect.poll(() => outcomes.verification.length, { timeout: 3000, interval: 20 }).toBe(before + 1);
      expect(outcomes.verification.at(-1)).toBe('subscribe:refused');
      expect((await subscriptions.active()).some((s) => s.callback === sub.callback)).toBe(false);
    }
  });

  it('delivers the new document, signed, within a second of a change; its format, Link and signature as WebSub asks', async () => {
    const sub = await subscriber();
    const secret = 'bí mật của người đăng ký';
    await subscribe(sub, { 'hub.secret': secret });
    const changedAt = await crawlChanges();
    await sub.delivered(1, 3000);
    const d = sub.deliveries[0];
    expect(d).toBeDefined();
    if (!d) return;
    latencies.push(d.at - changedAt);
    expect(d.at - changedAt).toBeLessThan(1000);
    expect(d.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(d.headers.link).toBe(`<${ORIGIN}/websub>; rel="hub", <${TOPIC}>; rel="self"`);
    expect(d.headers['x-hub-signature']).toBe(sign(secret, d.body));
    // The whole document, as a reader fetching the topic gets it (the hub advertised in it too).
    const served = Buffer.from(await (await app.request(TOPIC)).arrayBuffer());
    expect(d.body.equals(served)).toBe(true);
    expect(d.body.toString()).toContain(`<link rel="hub" href="${ORIGIN}/websub"/>`);
  });

  it('signs nothing without a secret, and delivers a topic with parameters only to its own subscribers', async () => {
    const plain = await subscriber();
    const summary = await subscriber();
    await subscribe(plain, {}, `${ORIGIN}/topics/ha-noi.json`);
    await subscribe(summary, {}, `${ORIGIN}/topics/ha-noi.json?mode=summary&limit=5&utm_source=x`);
    expect((await subscriptions.active()).find((s) => s.callback === summary.callback)?.topic).toBe(`${ORIGIN}/topics/ha-noi.json?limit=5&mode=summary`);
    await crawlChanges();
    await Promise.all([plain.delivered(1), summary.delivered(1)]);
    expect(plain.deliveries[0]?.headers['x-hub-signature']).toBeUndefined();
    expect(plain.deliveries[0]?.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    // Rendered as that URL serves it: the summary mode, at most 5 items.
    for (let i = 0; i < 5; i++) await store.upsert(makeArticle(1000 + n++));
    await crawlChanges();
    await summary.delivered(2);
    const doc = JSON.parse(summary.deliveries[1]?.body.toString() ?? '{}') as { items: { content_html?: string; content_text?: string }[]; hubs?: { url: string }[] };
    expect(doc.items.length).toBe(5);
    expect(doc.items[0]?.content_html).toBeUndefined();
    await plain.delivered(2);
    expect(doc.hubs?.[0]?.url).toBe(`${ORIGIN}/websub`);
    expect(summary.deliveries[0]?.headers.link).toContain(`<${ORIGIN}/topics/ha-noi.json?limit=5&mode=summary>; rel="self"`);
  });

  it('renews the lease on a second subscribe (one subscription, new secret), and ends it on a verified unsubscribe', async () => {
    const sub = await subscriber();
    const other = await subscriber();
    await subscribe(sub, { 'hub.lease_seconds': '600', 'hub.secret': 'one' });
    await subscribe(other);
    const first = (await subscriptions.active()).find((s) => s.callback === sub.callback);
    clock.advance(300_000);
    await subscribe(sub, { 'hub.lease_seconds': '900', 'hub.secret': 'two' });
    const mine = (await subscriptions.active()).filter((s) => s.callback === sub.callback);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.expiresAt).toBe(clock.now() + 900_000);
    expect(mine[0]?.expiresAt).toBeGreaterThan(first?.expiresAt ?? Infinity);
    await crawlChanges();
    await sub.delivered(1);
    expect(sub.deliveries[0]?.headers['x-hub-signature']).toBe(sign('two', sub.deliveries[0]?.body ?? Buffer.alloc(0)));

    // Unsubscribe: verified with the callback first, then gone.
    expect((await hubPost({ 'hub.mode': 'unsubscribe', 'hub.topic': TOPIC, 'hub.callback': sub.callback })).status).toBe(202);
    await sub.verified(3);
    expect(sub.verifications.at(-1)?.mode).toBe('unsubscribe');
    await expect.poll(async () => (await subscriptions.active()).some((s) => s.callback === sub.callback), { timeout: 3000, interval: 20 }).toBe(false);
    const otherBefore = other.deliveries.length;
    await crawlChanges();
    await other.delivered(otherBefore + 1);
    expect(sub.attempts).toBe(1);
  });

  it('an unsubscribe the callback does not confirm leaves the subscription as it was', async () => {
    const sub = await subscriber();
    await subscribe(sub);
    sub.verify = 'wrong';
    const before = outcomes.verification.length;
    await hubPost({ 'hub.mode': 'unsubscribe', 'hub.topic': TOPIC, 'hub.callback': sub.callback });
    await expect.poll(() => outcomes.verification.length, { timeout: 3000, interval: 20 }).toBe(before + 1);
    expect(outcomes.verification.at(-1)).toBe('unsubscribe:refused');
    expect((await subscriptions.active()).some((s) => s.callback === sub.callback)).toBe(true);
  });

  it('expires leases: a lapsed subscription gets nothing, and the sweep deletes it', async () => {
    const short = await subscriber();
    const long = await subscriber();
    await subscribe(short, { 'hub.lease_seconds': '60' });
    await subscribe(long, { 'hub.lease_seconds': '86400' });
    clock.advance(61_000);
    expect((await subscriptions.active()).map((s) => s.callback)).toEqual([long.callback]);
    await crawlChanges();
    await long.delivered(1);
    expect(short.attempts).toBe(0);
    const status = await hubStatus({ subscriptions, queue, clock });
    expect(status.subscriptions.map((s) => s.callback)).toEqual([long.callback]);
    const leftovers = await redis.client().keys(`${PREFIX}:websub:sub:*`);
    expect(leftovers).toHaveLength(1);
  });

  it('retries a failing callback with backoff while the others are delivered at once', async () => {
    const failing = await subscriber();
    const healthy = await subscriber();
    await subscribe(failing);
    await subscribe(healthy);
    failing.failNext = 2;
    const changedAt = await crawlChanges();
    await healthy.delivered(1, 2000);
    latencies.push((healthy.deliveries[0]?.at ?? Infinity) - changedAt);
    expect((healthy.deliveries[0]?.at ?? Infinity) - changedAt).toBeLessThan(1000);
    await failing.delivered(1, 5000);
    expect(failing.attempts).toBe(3);
    expect(failing.deliveries[0]?.body.equals(healthy.deliveries[0]?.body ?? Buffer.alloc(0))).toBe(true);
  });

  it('times out a callback that hangs; the others are delivered on time', async () => {
    const hanging = await subscriber();
    const a = await subscriber();
    const b = await subscriber();
    for (const s of [hanging, a, b]) await subscribe(s);
    hanging.hang = true;
    const retriesBefore = outcomes.delivery.filter((o) => o === 'retry').length;
    const changedAt = await crawlChanges();
    await Promise.all([a.delivered(1, 2000), b.delivered(1, 2000)]);
    for (const s of [a, b]) {
      latencies.push((s.deliveries[0]?.at ?? Infinity) - changedAt);
      expect((s.deliveries[0]?.at ?? Infinity) - changedAt).toBeLessThan(1000);
    }
    // 400 ms timeout, then retried.
    await expect.poll(() => outcomes.delivery.filter((o) => o === 'retry').length, { timeout: 3000, interval: 20 }).toBeGreaterThan(retriesBefore);
    await expect.poll(() => hanging.attempts, { timeout: 3000, interval: 20 }).toBeGreaterThanOrEqual(2);
    hanging.hang = false;
    await hanging.delivered(1, 5000);
  });

  it('ends a subscription whose deliveries fail every attempt (WebSub §7), and counts it', async () => {
    const broken = await subscriber();
    await subscribe(broken);
    broken.failNext = 1000;
    const failedBefore = outcomes.delivery.filter((o) => o === 'failed').length;
    await crawlChanges();
    // 5 attempts, 50 ms doubling: about 750 ms of backoff.
    await expect.poll(() => outcomes.delivery.filter((o) => o === 'failed').length, { timeout: 5000, interval: 20 }).toBe(failedBefore + 1);
    expect(broken.attempts).toBe(5);
    expect((await subscriptions.active()).some((s) => s.callback === broken.callback)).toBe(false);
  });
});
