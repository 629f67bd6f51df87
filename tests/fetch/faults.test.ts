/**
 * The fixture site made to misbehave: every fault ends in one failure class,
 * nothing is kept from it, and the fetcher stays usable.
 */
import type http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Handler } from '../support/fixture-site.js';
import { failureOf, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.stop());
beforeEach(async () => h.reset());

const MiB = 1024 * 1024;

/** Stream `total` bytes of HTML in 64 KiB chunks, honouring backpressure, stopping when the client goes. */
function streamBytes(res: http.ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  res.on('error', () => undefined);
  const pump = (): void => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

const never: Handler = () => undefined;
const trickle: Handler = (req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  const timer = setInterval(() => res.write('<p>…</p>'), 50);
  req.socket.on('close', () => clearInterval(timer));
};

describe('fetch faults', () => {
  it.each([
    ['answers nothing', never],
    ['trickles a body forever', trickle],
  ])('a page that %s past the total timeout is a timeout', async (_what, handler) => {
    h.site.route('/slow', handler);
    const fetcher = h.fetcher({ timeouts: { connectMs: 1_000, totalMs: 200 }, retries: 1 });
    expect(await failureOf(fetcher.fetch(`${h.site.origin}/slow`, { sourceId: 's', expect: 'html' }))).toBe('timeout');
    // Timeouts are retried once here, after one backoff. (Not counted server-side: on a loaded
    // machine the retry's 200 ms can run out before the server sees it.)
    expect(h.waits).toEqual([375]);
  });

  it('retries a 500 with growing backoff, then gives up as http-5xx', async () => {
    h.site.route('/broken', (_req, res) => {
      res.writeHead(500);
      res.end();
    });
    const fetcher = h.fetcher({ retries: 3 });
    expect(await failureOf(fetcher.fetch(`${h.site.origin}/broken`, { sourceId: 's', expect: 'html' }))).toBe('http-5xx');
    expect(h.pageRequests()).toHaveLength(4);
    // random() pinned at 0.5: each wait is 3/4 of a doubling ceiling.
    expect(h.waits).toEqual([375, 750, 1500]);
  });

  it('recovers when a 503 is followed by a good answer', async () => {
    let calls = 0;
    h.site.route('/flaky', (_req, res) => {
      calls++;
      res.writeHead(calls === 1 ? 503 : 200, { 'content-type': 'text/html' });
      res.end('<html><body>ok</body></html>');
    });
    const res = await h.fetcher().fetch(`${h.site.origin}/flaky`, { sourceId: 's', expect: 'html' });
    expect(res.body.toString()).toContain('ok');
  });

  it.each([
    ['delay-seconds', '7', 7_000],
    ['an HTTP date', new Date(Date.parse('2026-03-02T01:00:30Z')).toUTCString(), 30_000],
  ])('a 429 with Retry-After as %s holds the whole host, for every worker', async (_what, retryAfter, holdMs) => {
    h.clock.set(Date.parse('2026-03-02T01:00:00Z'));
    let calls = 0;
    h.site.route('/busy', (_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(429, { 'retry-after': retryAfter });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>ok</body></html>');
    });
    const res = await h.fetcher().fetch(`${h.site.origin}/busy`, { sourceId: 's', expect: 'html' });
    expect(res.status).toBe(200);
    // The retry waited out Retry-After (after its own backoff of 375 ms).
    expect(h.waits).toEqual([375, holdMs]);
    // Another worker asking for any page of that host now also waits it out.
    h.waits.length = 0;
    await h.fetcher().fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' });
    expect(h.waits[0]).toBeGreaterThanOrEqual(holdMs - 1);
  });

  it('a Retry-After longer than a worker should wait fails fast as rate-limited, without asking again', async () => {
    h.site.route('/busy', (_req, res) => {
      res.writeHead(503, { 'retry-after': '3600' });
      res.end();
    });
    expect(await failureOf(h.fetcher().fetch(`${h.site.origin}/busy`, { sourceId: 's', expect: 'html' }))).toBe('rate-limited');
    expect(await failureOf(h.fetcher().fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' }))).toBe('rate-limited');
    expect(h.pageRequests().map((r) => r.path)).toEqual(['/busy']);
    // An hour later the host is open again.
    h.clock.advance(3600_000);
    const res = await h.fetcher().fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' });
    expect(res.status).toBe(200);
  });

  it('a connection reset mid-body is a reset', async () => {
    h.site.route('/reset', (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': 100_000 });
      res.write('<html><body><p>Nội dung bị cắt');
      setTimeout(() => req.socket.destroy(), 20);
    });
    const fetcher = h.fetcher({ retries: 0 });
    expect(await failureOf(fetcher.fetch(`${h.site.origin}/reset`, { sourceId: 's', expect: 'html' }))).toBe('reset');
  });

  it.each([
    ['streamed without a length', false],
    ['declaring its length', true],
  ])('a 20 MiB page %s is too-large, and reading stops at the cap', async (_what, declare) => {
    let served = 0;
    h.site.route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', ...(declare ? { 'content-length': 20 * MiB } : {}) });
      const write = res.write.bind(res) as (chunk: Buffer) => boolean;
      res.write = ((chunk: Buffer) => {
        served += chunk.length;
        return write(chunk);
      }) as typeof res.write;
      streamBytes(res, 20 * MiB);
    });
    expect(await failureOf(h.fetcher().fetch(`${h.site.origin}/huge`, { sourceId: 's', expect: 'html' }))).toBe('too-large');
    expect(served).toBeLessThan(20 * MiB);
  });

  it('a small gzip body that inflates past the cap is too-large', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(4 * MiB, 0x20));
    h.site.route('/bomb', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': bomb.length });
      res.end(bomb);
    });
    const fetcher = h.fetcher({ maxBodyBytes: 1 * MiB });
    expect(bomb.length).toBeLessThan(1 * MiB);
    expect(await failureOf(fetcher.fetch(`${h.site.origin}/bomb`, { sourceId: 's', expect: 'html' }))).toBe('too-large');
  });

  it.each([
    ['a loop', (n: number) => `/loop/${n % 2}`],
    ['more than five hops', (n: number) => `/loop/${n + 1}`],
  ])('a redirect chain that is %s is a redirect-loop', async (_what, nextOf) => {
    for (let n = 0; n < 8; n++) {
      h.site.route(`/loop/${n}`, (_req, res) => {
        res.writeHead(302, { location: nextOf(n) });
        res.end();
      });
    }
    expect(await failureOf(h.fetcher().fetch(`${h.site.origin}/loop/0`, { sourceId: 's', expect: 'html' }))).toBe('redirect-loop');
    expect(h.pageRequests().length).toBeLessThanOrEqual(6);
  });

  it.each([
    ['a PDF', 'application/pdf', '%PDF-1.4'],
    ['JSON', 'application/json', '{"Title":"x"}'],
    ['an image', 'image/jpeg', '\xff\xd8\xff'],
    ['unlabelled text', 'text/plain', 'just words'],
  ])('%s where a page was expected is not-html', async (_what, type, body) => {
    h.site.route('/thing', (_req, res) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    });
    expect(await failureOf(h.fetcher().fetch(`${h.site.origin}/thing`, { sourceId: 's', expect: 'html' }))).toBe('not-html');
  });

  it('a truncated page (the server closes before its declared length) is a reset, not a short page', async () => {
    h.site.route('/truncated', (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': 5000 });
      res.write('<html><body><div class="pkg"><a href="/a.html">A</a>', () => req.socket.end());
    });
    expect(await failureOf(h.fetcher({ retries: 0 }).fetch(`${h.site.origin}/truncated`, { sourceId: 's', expect: 'html' }))).toBe('reset');
  });

  it.each([
    [404, 'http-4xx'],
    [410, 'http-4xx'],
    [502, 'http-5xx'],
  ])('a %i is %s', async (status, failure) => {
    h.site.route('/status', (_req, res) => {
      res.writeHead(status);
      res.end();
    });
    expect(await failureOf(h.fetcher({ retries: 0 }).fetch(`${h.site.origin}/status`, { sourceId: 's', expect: 'html' }))).toBe(failure);
  });

  it('a refused connection is refused', async () => {
    const fetcher = h.fetcher({ retries: 0 });
    // Port 9 on loopback: nothing listens there on a test machine.
    expect(await failureOf(fetcher.fetch('http://127.0.0.1:9/x.html', { sourceId: 's', expect: 'html' }))).toBe('refused');
  });
});

describe('robots.txt', () => {
  const robots = (status: number, text: string): void =>
    h.site.route('/robots.txt', (_req, res) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(text);
    });

  it('a disallowed section is robots-denied and never requested; the rest is fetched', async () => {
    robots(200, 'User-agent: *\nDisallow: /kinh-te\n');
    const fetcher = h.fetcher();
    expect(await failureOf(fetcher.fetch(`${h.site.origin}/kinh-te`, { sourceId: 's', expect: 'html' }))).toBe('robots-denied');
    await fetcher.fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' });
    expect(h.pageRequests().map((r) => r.path)).toEqual(['/page.html']);
  });

  it('rules for our own user agent win over the catch-all group', async () => {
    robots(200, 'User-agent: *\nDisallow: /\n\nUser-agent: bantin\nAllow: /\n');
    await h.fetcher().fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' });
    expect(h.pageRequests().map((r) => r.path)).toEqual(['/page.html']);
  });

  it('is read once per host and kept, by every worker', async () => {
    robots(200, 'User-agent: *\nAllow: /\n');
    for (let i = 0; i < 3; i++) await h.fetcher().fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' });
    expect(h.site.requests.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
    // Kept for a day, then read again (a 5xx answer only for ten minutes, below).
    const ttl = await h.client.ttl(`bt:robots:${h.site.origin}`);
    expect(ttl).toBeGreaterThan(86_400 - 60);
    expect(ttl).toBeLessThanOrEqual(86_400);
  });

  it('asks again after ten minutes when robots.txt answered 5xx', async () => {
    robots(503, '');
    await failureOf(h.fetcher().fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' }));
    const ttl = await h.client.ttl(`bt:robots:${h.site.origin}`);
    expect(ttl).toBeGreaterThan(600 - 60);
    expect(ttl).toBeLessThanOrEqual(600);
  });

  it.each([
    [404, 'allows everything', null],
    [500, 'disallows everything for now', 'robots-denied'],
  ])('a robots.txt answering %i %s', async (status, _what, failure) => {
    robots(status, '');
    const attempt = h.fetcher().fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' });
    if (failure === null) expect((await attempt).status).toBe(200);
    else expect(await failureOf(attempt)).toBe(failure);
  });

  it('Crawl-delay raises the interval between requests to the host', async () => {
    robots(200, 'User-agent: *\nCrawl-delay: 5\n');
    const fetcher = h.fetcher({ politeness: () => ({ minIntervalMs: 1_000, concurrency: 8 }) });
    await fetcher.fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' });
    await fetcher.fetch(`${h.site.origin}/page.html`, { sourceId: 's', expect: 'html' });
    expect(h.waits).toEqual([5_000]);
  });
});
