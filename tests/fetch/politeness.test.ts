/**
 * The per-host budget is shared through Redis: fetchers standing in for
 * workers on different machines together keep to it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPoliteness, politenessKeys } from '../../src/fetch/politeness.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());
beforeEach(async () => h.reset());

describe('politeness', () => {
  it('spaces requests to one host by the minimum interval, across workers', async () => {
    const budget = () => ({ minIntervalMs: 1_000, concurrency: 8 });
    const workers = [h.fetcher({ politeness: budget }), h.fetcher({ politeness: budget }), h.fetcher({ politeness: budget })];
    await Promise.all(workers.map((w) => w.fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' })));
    // All three asked at the same instant: the first goes now, the others one and two seconds later.
    expect([...h.waits].sort((a, b) => a - b)).toEqual([1_000, 2_000]);
    // Once the interval has passed, no wait at all.
    h.waits.length = 0;
    h.clock.advance(10_000);
    await workers[0]!.fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' });
    expect(h.waits).toEqual([]);
  });

  it('keeps hosts apart: a busy host does not slow another', async () => {
    const budget = () => ({ minIntervalMs: 1_000, concurrency: 8 });
    const fetcher = h.fetcher({ politeness: budget });
    await fetcher.fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' });
    // Same server, other host name: its own budget.
    await fetcher.fetch(`${h.site.origin.replace('127.0.0.1', 'localhost')}/page.html`, { sourceId: 's', expect: 'html' });
    expect(h.waits).toEqual([]);
  });

  it('never has more requests in flight to a host than its concurrency, across workers', async () => {
    let inFlight = 0;
    let peak = 0;
    h.site.route('/slow.html', (_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>ok</body></html>');
      }, 40);
    });
    // Waiting for a slot polls Redis: here the poll really waits a little, as it would in production.
    const budget = () => ({ minIntervalMs: 0, concurrency: 2 });
    const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.min(ms, 10)));
    const workers = [h.fetcher({ politeness: budget, sleep }), h.fetcher({ politeness: budget, sleep })];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => workers[i % 2]!.fetch(`${h.site.origin}/slow.html`, { sourceId: 's', expect: 'html' })),
    );
    expect(peak).toBe(2);
  });

  it('a crashed worker does not hold its slot for ever: its lease expires', async () => {
    // A lease left behind by a worker that died mid-request, expiring in one minute.
    const host = new URL(h.site.origin).host;
    await h.client.zadd(politenessKeys('bt').inflight(host), h.clock.now() + 60_000, 'dead-worker');
    let polls = 0;
    const fetcher = h.fetcher({
      politeness: () => ({ minIntervalMs: 0, concurrency: 1 }),
      sleep: async () => {
        polls++;
        h.clock.advance(10_000);
      },
    });
    const res = await fetcher.fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' });
    expect(res.status).toBe(200);
    expect(polls).toBe(6);
  });

  it('keeps a slot leased through the wait it was granted, not only for the request', async () => {
    const host = 'slow.example';
    const worker = (sleep: () => Promise<void>) => createPoliteness({ redis: h.client, prefix: 'bt', clock: h.clock, sleep });
    const budget = { minIntervalMs: 0, concurrency: 1 };
    const opts = { leaseMs: 45_000, maxWaitMs: 120_000 };
    const start = h.clock.now();
    // The host said Retry-After 60 s: the next request may go out in a minute.
    await worker(async () => undefined).hold(host, start + 60_000);
    const first = await worker(async () => undefined).acquire(host, budget, opts);
    expect(first).toMatchObject({ granted: true, waitMs: 60_000 });
    // 50 s into that wait another worker asks: the slot is still the first one's until 60 s + its 45 s lease.
    h.clock.advance(50_000);
    let polls = 0;
    const second = await worker(async () => {
      polls++;
      h.clock.advance(10_000);
    }).acquire(host, budget, opts);
    expect(second.granted).toBe(true);
    expect(h.clock.now() - start).toBeGreaterThan(105_000);
    expect(polls).toBe(6);
  });
});

