/**
 * The admin surface against a browser on another site: Basic auth (which a
 * browser caches and resends for Bull Board) opens Bull Board only, never
 * the ops API; state-changing requests from another origin are refused
 * with 403 whatever credentials they carry; a Bearer header with anything
 * after the token carries no token.
 */
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createQueueBoard } from '../../src/ops/index.js';
import { startOpsHarness, TOKEN, type OpsHarness } from './harness.js';

let h: OpsHarness;
let board: Hono;
const BOARD = '/admin/queues';
const OWN = 'http://bantin.test';

beforeAll(async () => {
  h = await startOpsHarness();
  // Mounted as the server mounts it.
  board = new Hono().route(BOARD, createQueueBoard({ queues: [h.queue.queue], token: TOKEN, basePath: BOARD, publicUrl: 'https://feeds.example.vn' }));
});
afterAll(async () => h.stop());
beforeEach(async () => h.reset());

const bearer = { authorization: `Bearer ${TOKEN}` };
const basic = { authorization: `Basic ${Buffer.from(`ops:${TOKEN}`).toString('base64')}` };

const api = (method: string, path: string, headers: Record<string, string>): Promise<Response> =>
  Promise.resolve(h.api.request(`${OWN}${path}`, { method, headers }));

async function expectProblem(res: Response, status: number, detail: RegExp): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as { status: number; detail: string };
  expect(body.status).toBe(status);
  expect(body.detail).toMatch(detail);
}

describe('Basic auth', () => {
  it.each([
    ['GET', '/sources'],
    ['POST', '/sources/kinhtedothi/pause'],
    ['POST', '/sources/kinhtedothi/crawl'],
  ])('does not open the ops API: %s %s → 401', async (method, path) => {
    const res = await api(method, path, basic);
    await expectProblem(res, 401, /Bearer/);
    expect(res.headers.get('www-authenticate')).not.toContain('Basic');
    expect((await h.ops.source('kinhtedothi')).paused).toBe(false);
  });

  it("opens Bull Board's page and the calls it makes", async () => {
    const page = await board.request(`${OWN}${BOARD}`, { headers: basic });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');
    expect((await board.request(`${OWN}${BOARD}/api/queues`, { headers: basic })).status).toBe(200);
  });

  it('asks a browser for it on Bull Board', async () => {
    const res = await board.request(`${OWN}${BOARD}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
  });
});

describe('the Bearer header', () => {
  it.each([
    ['trailing garbage', `Bearer ${TOKEN} trailing-garbage`],
    ['a second token', `Bearer ${TOKEN} ${TOKEN}`],
    ['a comma list', `Bearer ${TOKEN}, Basic x`],
  ])('with %s carries no token (401)', async (_what, authorization) => {
    await expectProblem(await api('GET', '/sources', { authorization }), 401, /admin token/);
    expect((await board.request(`${OWN}${BOARD}`, { headers: { authorization } })).status).toBe(401);
  });

  it('is taken with any spacing and case of the scheme', async () => {
    expect((await api('GET', '/sources', { authorization: `bearer   ${TOKEN}` })).status).toBe(200);
  });
});

describe('state-changing requests from another origin', () => {
  it.each([
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['an Origin on another port of the same host', { origin: 'http://bantin.test:8081' }],
    ['an opaque Origin', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ])('are refused with 403 for %s, with the Bearer token too', async (_what, headers) => {
    for (const path of ['/sources/kinhtedothi/pause', '/sources/kinhtedothi/crawl', '/sources/kinhtedothi/reset-backoff']) {
      await expectProblem(await api('POST', path, { ...bearer, ...headers }), 403, /state-changing admin request is refused/);
    }
    expect((await h.ops.source('kinhtedothi')).paused).toBe(false);
    expect(await h.queue.queue.getWaitingCount()).toBe(0);
  });

  it('are refused on Bull Board, whose Basic credentials a browser sends by itself', async () => {
    for (const method of ['PUT', 'POST', 'DELETE', 'PATCH']) {
      const res = await board.request(`${OWN}${BOARD}/api/queues/crawl/pause`, { method, headers: { ...basic, origin: 'https://evil.example' } });
      await expectProblem(res, 403, /another origin/);
    }
  });

  it('pass from the own origin, from BANTIN_PUBLIC_URL, and from clients that name none', async () => {
    expect((await api('POST', '/sources/kinhtedothi/pause', { ...bearer, origin: OWN, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await api('POST', '/sources/kinhtedothi/resume', bearer)).status).toBe(200);
    // Retrying the failed jobs of an empty queue changes nothing; it shows the board's own calls get through.
    const viaProxy = await board.request(`${OWN}${BOARD}/api/queues/crawl/retry/failed`, { method: 'PUT', headers: { ...basic, origin: 'https://feeds.example.vn' } });
    expect(viaProxy.status).toBe(200);
  });

  it('do not hold back reads from another origin (they change nothing, and still need the token)', async () => {
    expect((await api('GET', '/sources', { ...bearer, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).status).toBe(200);
  });
});
