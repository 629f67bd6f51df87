/**
 * The own hub as `bantin start` runs it: serve and worker roles in-process
 * against the fixture site, a subscriber on loopback subscribing through
 * POST /websub, a crawl enqueued through the ops API, and the signed
 * delivery arriving within a second of the run that changed the feed;
 * /metrics and GET /api/websub show it.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Context } from '../../src/roles/context.js';
import type { RoleHandle } from '../../src/roles/role.js';
import { startServer, type ServerRole } from '../../src/roles/server.js';
import { startWorker } from '../../src/roles/worker.js';
import { createCrawlStateStore } from '../../src/store/index.js';
import { testContext } from '../support/context.js';
import { startCrawlWorld, type CrawlWorld } from '../support/crawl-world.js';
import { startSubscriber, type Subscriber } from './subscriber.js';

const PREFIX = 'hub-e2e';
const TOKEN = 'hub-e2e-token';
let world: CrawlWorld;
let ctx: Context;
let server: ServerRole;
let sub: Subscriber;
const roles: RoleHandle[] = [];

beforeAll(async () => {
  world = await startCrawlWorld();
  ctx = await testContext(world.env(PREFIX, { PORT: '0', HOST: '127.0.0.1', BANTIN_ADMIN_TOKEN: TOKEN, WEBSUB_TIMEOUT_MS: '2000', WEBSUB_RETRY_BASE_MS: '100' }));
  server = await startServer(ctx);
  roles.push(server, await startWorker(ctx));
  sub = await startSubscriber('/hooks/kinhtedothi?k=1');
});
afterAll(async () => {
  await Promise.all(roles.map((r) => r.stop(5000)));
  await ctx.close();
  await sub.close();
  await world.close();
});

const admin = (path: string, init: RequestInit = {}): Promise<Response> => fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...init.headers } });

async function sample(series: string): Promise<number> {
  const text = await (await admin('/metrics')).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

it('subscribes, verifies, and delivers the feed a crawl changed, signed, within a second of the run', async () => {
  const topic = `${server.url}/sources/kinhtedothi.atom`;
  const feed = await fetch(topic);
  expect(feed.headers.get('link')).toBe(`<${server.url}/websub>; rel="hub", <${topic}>; rel="self"`);

  const secret = 's3cret-for-the-test';
  const res = await fetch(`${server.url}/websub`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.callback': sub.callback, 'hub.secret': secret }).toString(),
  });
  expect(res.status).toBe(202);
  await sub.verified(1);
  await expect.poll(async () => ((await (await admin('/api/websub')).json()) as { subscriptions: unknown[] }).subscriptions.length, { timeout: 5000, interval: 50 }).toBe(1);
  const status = (await (await admin('/api/websub')).json()) as { subscriptions: Record<string, unknown>[]; topics: unknown[] };
  expect(status.subscriptions[0]).toMatchObject({ topic, callback: sub.callback, signed: true, leaseSeconds: 10 * 24 * 3600 });
  expect(JSON.stringify(status)).not.toContain(secret);
  expect(status.topics).toEqual([{ topic, subscribers: 1 }]);
  expect((await fetch(`${server.url}/api/websub`)).status).toBe(401);

  expect((await admin('/api/sources/kinhtedothi/crawl', { method: 'POST' })).status).toBe(202);
  await sub.delivered(1, 30_000);
  const d = sub.deliveries[0];
  if (!d) throw new Error('no delivery');
  const run = (await createCrawlStateStore({ redis: world.redis.client(), prefix: PREFIX }).get('kinhtedothi')).lastRun;
  expect(run).not.toBeNull();
  const latency = d.at - (run?.finishedAt ?? 0);
  // eslint-disable-next-line no-console -- the measured latency is this test's figure, read in the test log
  console.log(`websub delivery after a real crawl: ${latency} ms from the run's end to the subscriber`);
  expect(latency).toBeLessThan(1000);
  expect(d.headers['x-hub-signature']).toBe(`sha256=${createHmac('sha256', secret).update(d.body).digest('hex')}`);
  expect(d.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
  expect(d.headers.link).toBe(`<${server.url}/websub>; rel="hub", <${topic}>; rel="self"`);
  expect(d.body.toString()).toContain('Hà Nội tạo bước đột phá mới trong công tác cán bộ');
  expect(d.body.equals(Buffer.from(await (await fetch(topic)).arrayBuffer()))).toBe(true);

  expect(await sample(`bantin_websub_subscriptions{topic="/sources/kinhtedothi.atom"}`)).toBe(1);
  expect(await sample('bantin_websub_verifications_total{mode="subscribe",outcome="subscribed"}')).toBe(1);
  expect(await sample('bantin_websub_deliveries_total{outcome="delivered"}')).toBe(1);
  expect(await sample('bantin_websub_delivery_seconds_count')).toBe(1);
}, 60_000);
