import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createWebSubPublisher, type WebSubPublisher } from '../../src/websub/index.js';
import { freePort } from '../../src/redis/server.js';

interface FakeHub {
  url: string;
  posts: { contentType: string; body: Record<string, string> }[];
  /** Status codes to answer, in order; 204 once they run out. */
  script: number[];
  /** Resolves when the hub has seen `n` requests in total. */
  seen(n: number): Promise<void>;
  close(): Promise<void>;
}

async function startHub(): Promise<FakeHub> {
  const waiters: { n: number; resolve: () => void }[] = [];
  const hub: FakeHub = {
    url: '',
    posts: [],
    script: [],
    seen(n) {
      return hub.posts.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      hub.posts.push({ contentType: req.headers['content-type'] ?? '', body: Object.fromEntries(new URLSearchParams(body)) });
      res.writeHead(hub.script.shift() ?? 204).end();
      for (const w of waiters.filter((x) => hub.posts.length >= x.n)) w.resolve();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`;
  return hub;
}

const open: { hub?: FakeHub; publisher?: WebSubPublisher }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.publisher?.close();
    await o.hub?.close();
  }
});

function setup(hubUrl: string, delays: number[], over: { maxAttempts?: number } = {}): WebSubPublisher {
  const publisher = createWebSubPublisher({
    hubUrl,
    log: silentLogger(),
    clock: new ManualClock(0),
    wait: async (ms) => {
      delays.push(ms);
    },
    baseDelayMs: 1000,
    ...over,
  });
  return publisher;
}

describe('WebSub publisher against a fake hub', () => {
  it('POSTs hub.mode=publish once per distinct URL, without blocking the caller', async () => {
    const hub = await startHub();
    const publisher = setup(hub.url, []);
    open.push({ hub, publisher });
    const urls = ['https://b.example/topics/ha-noi.rss', 'https://b.example/topics/ha-noi.atom', 'https://b.example/feeds/all.json?x=1&y=2'];
    const returned = publisher.publish([...urls, urls[0]!, urls[1]!]);
    expect(returned).toBeUndefined();
    expect(hub.posts).toHaveLength(0);
    await hub.seen(3);
    await publisher.close();
    expect(hub.posts.map((p) => p.contentType)).toEqual(Array(3).fill('application/x-www-form-urlencoded'));
    expect(hub.posts.map((p) => p.body).sort((a, b) => (a['hub.url']! < b['hub.url']! ? -1 : 1))).toEqual(
      [...urls].sort().map((u) => ({ 'hub.mode': 'publish', 'hub.url': u })),
    );
  });

  it.each([
    { script: [500, 503], posts: 3, delays: [1000, 2000], why: 'server errors are retried with doubling delays' },
    { script: [429], posts: 2, delays: [1000], why: 'rate limiting is retried' },
    { script: [400], posts: 1, delays: [], why: 'a refused request is not repeated' },
    { script: [500, 500, 500, 500], posts: 4, delays: [1000, 2000, 4000], why: 'gives up after maxAttempts' },
  ])('$why', async ({ script, posts, delays }) => {
    const hub = await startHub();
    hub.script = [...script];
    const seenDelays: number[] = [];
    const publisher = setup(hub.url, seenDelays, { maxAttempts: 4 });
    open.push({ hub, publisher });
    publisher.publish(['https://b.example/topics/ha-noi.rss']);
    await hub.seen(posts);
    await publisher.close();
    expect(hub.posts).toHaveLength(posts);
    expect(seenDelays).toEqual(delays);
  });

  it('survives an unreachable hub: publish never throws and close returns', async () => {
    const port = await freePort();
    const delays: number[] = [];
    const publisher = setup(`http://127.0.0.1:${port}/hub`, delays, { maxAttempts: 3 });
    expect(() => publisher.publish(['https://b.example/feeds/all.rss'])).not.toThrow();
    // Each retry waits through the injected wait: three attempts mean two waits.
    await expect.poll(() => delays.length).toBe(2);
    await publisher.close();
    expect(delays).toEqual([1000, 2000]);
  });

  it('close() cuts a pending backoff short and sends nothing after', async () => {
    const hub = await startHub();
    hub.script = [503];
    const publisher = createWebSubPublisher({ hubUrl: hub.url, log: silentLogger(), clock: new ManualClock(0), baseDelayMs: 3_600_000 });
    open.push({ hub });
    publisher.publish(['https://b.example/topics/ha-noi.rss']);
    await hub.seen(1);
    await publisher.close();
    publisher.publish(['https://b.example/topics/kinh-te.rss']);
    expect(hub.posts).toHaveLength(1);
  });
});
