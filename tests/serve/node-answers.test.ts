/**
 * Answers that Node or the adaptor would write by themselves are bantin's
 * too: problem+json with a body, 405 with Allow, CORS preflights, and one
 * meaning per parameter. The serve role runs for real; broken requests go
 * over a raw socket, since no HTTP client sends them.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../../src/roles/context.js';
import type { ServerRole } from '../../src/roles/server.js';
import { ROOT } from '../support/config-copy.js';
import { testContext } from '../support/context.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let ctx: Context;
let server: ServerRole;

beforeAll(async () => {
  redis = await startTestRedis();
  ctx = await testContext({ ...redis.env, BANTIN_CONFIG: `${ROOT}/config`, BANTIN_FEEDS: `${ROOT}/feeds`, PORT: '0', HOST: '127.0.0.1' });
  const { startServer } = await import('../../src/roles/server.js');
  server = await startServer(ctx);
});
afterAll(async () => {
  await server.stop(2_000);
  await ctx.close();
  await redis.stop();
});

/** Writes `raw` to the server and reads until it closes the connection. */
function rawRequest(raw: string): Promise<{ status: number; headers: string; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(raw));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head.toLowerCase(), body });
    });
  });
}

const problem = (body: string) => JSON.parse(body) as { status: number; title: string; detail: string };

describe('requests Node cannot hand to the app', () => {
  it('answers headers too large with 431 problem+json', async () => {
    const res = await rawRequest(`GET /feeds/all.rss HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Junk: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.headers).toContain('content-type: application/problem+json');
    expect(problem(res.body)).toMatchObject({ status: 431, detail: 'the request headers are too large' });
  });

  it('answers a request line that is not HTTP with 400 problem+json', async () => {
    const res = await rawRequest('HELLO THERE\r\n\r\n');
    expect(res.status).toBe(400);
    expect(problem(res.body).status).toBe(400);
  });

  it('answers a missing or malformed Host with 400 problem+json', async () => {
    const missing = await rawRequest('GET /feeds/all.rss HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(missing.status).toBe(400);
    expect(problem(missing.body).detail).toBe('an HTTP/1.1 request needs a Host header');
    const bad = await rawRequest('GET /feeds/all.rss HTTP/1.1\r\nHost: exa mple.com\r\nConnection: close\r\n\r\n');
    expect(bad.status).toBe(400);
    expect(bad.headers).toContain('content-type: application/problem+json');
    expect(problem(bad.body).status).toBe(400);
  });
});

describe('methods and parameters', () => {
  it('answers a method a feed does not take with 405 and Allow', async () => {
    for (const path of ['/feeds/all.rss', '/topics/ha-noi.json', '/', '/opml']) {
      const res = await fetch(`${server.url}${path}`, { method: 'POST', body: 'x' });
      expect(res.status, path).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    }
  });

  it('answers a CORS preflight on a feed with 204 and the CORS headers', async () => {
    const res = await fetch(`${server.url}/feeds/all.json`, {
      method: 'OPTIONS',
      headers: { origin: 'https://syndicator.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,HEAD,OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toBe('if-none-match');
    expect(res.headers.get('access-control-max-age')).toBe('86400');
  });

  it('refuses a repeated parameter with 400 naming it', async () => {
    for (const name of ['limit', 'mode', 'stories']) {
      const value = { limit: '5', mode: 'full', stories: 'all' }[name];
      const res = await fetch(`${server.url}/feeds/all.rss?${name}=${value}&${name}=${value}`);
      expect(res.status, name).toBe(400);
      expect(((await res.json()) as { param: string }).param).toBe(name);
    }
  });
});
