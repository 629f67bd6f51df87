/**
 * A WebSub subscriber on loopback, as a test drives it: answers verification
 * GETs (echoing the challenge, or not), records deliveries, and can fail or
 * hang on them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Verification {
  mode: string;
  topic: string;
  challenge: string;
  leaseSeconds: string | null;
  query: URLSearchParams;
}

export interface Delivery {
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  at: number;
}

export interface Subscriber {
  callback: string;
  verifications: Verification[];
  deliveries: Delivery[];
  /** POST attempts seen, answered or not. */
  attempts: number;
  /** How verification GETs are answered. */
  verify: 'echo' | 'wrong' | 'refuse';
  /** Answer the next N deliveries with 500. */
  failNext: number;
  /** Never answer deliveries. */
  hang: boolean;
  delivered(n: number, timeoutMs?: number): Promise<void>;
  verified(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSubscriber(pathAndQuery = '/cb?token=abc'): Promise<Subscriber> {
  const waiters: (() => void)[] = [];
  const wake = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  const until = (check: () => boolean, timeoutMs: number, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      const test = (): void => {
        if (check()) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(test);
      };
      test();
    });
  const sub: Subscriber = {
    callback: '',
    verifications: [],
    deliveries: [],
    attempts: 0,
    verify: 'echo',
    failNext: 0,
    hang: false,
    delivered: (n, timeoutMs = 5000) => until(() => sub.deliveries.length >= n, timeoutMs, `${n} deliveries`),
    verified: (n, timeoutMs = 5000) => until(() => sub.verifications.length >= n, timeoutMs, `${n} verifications`),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET') {
      const q = url.searchParams;
      sub.verifications.push({ mode: q.get('hub.mode') ?? '', topic: q.get('hub.topic') ?? '', challenge: q.get('hub.challenge') ?? '', leaseSeconds: q.get('hub.lease_seconds'), query: q });
      if (sub.verify === 'refuse') res.writeHead(404).end('no');
      else res.writeHead(200, { 'content-type': 'text/plain' }).end(sub.verify === 'echo' ? (q.get('hub.challenge') ?? '') : 'not-the-challenge');
      wake();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => {
      sub.attempts++;
      if (sub.hang) return wake();
      if (sub.failNext > 0) {
        sub.failNext--;
        res.writeHead(500).end();
        return wake();
      }
      sub.deliveries.push({ headers: req.headers, body: Buffer.concat(chunks), at: Date.now() });
      res.writeHead(204).end();
      wake();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  sub.callback = `http://127.0.0.1:${(server.address() as AddressInfo).port}${pathAndQuery}`;
  return sub;
}
