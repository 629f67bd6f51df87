/**
 * The ops API as an operator uses it: the token guard, per-source state,
 * enqueue, pause/resume, backoff reset, jobs and stored records, and the
 * problem+json answers to bad input and unknown ids.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeArticle } from '../support/articles.js';
import { NOW, startOpsHarness, TOKEN, type OpsHarness } from './harness.js';

let h: OpsHarness;
beforeAll(async () => {
  h = await startOpsHarness();
});
afterAll(async () => h.stop());
beforeEach(async () => h.reset());

interface SourceBody {
  id: string;
  nextFire: string | null;
  paused: boolean;
  consecutiveFailures: number;
  backoffUntil: string | null;
  lastRun: { status: string; counts: Record<string, number>; durationMs: number } | null;
  skips: Record<string, number>;
  articles: number;
}

const basic = (password: string): string => `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;

describe('the admin token', () => {
  it.each([
    ['no Authorization header', undefined, 401],
    ['a wrong bearer token', 'Bearer nope', 401],
    ['the token with one character more', `Bearer ${TOKEN}x`, 401],
    ['the token as the wrong scheme', `Token ${TOKEN}`, 401],
    ['Basic with a wrong password', basic('nope'), 401],
    ['the bearer token', `Bearer ${TOKEN}`, 200],
    ['Basic with the token as password (Bull Board only)', basic(TOKEN), 401],
    ['the bearer token with trailing garbage', `Bearer ${TOKEN} trailing-garbage`, 401],
  ])('%s → %i', async (_what, authorization, status) => {
    const res = await h.api.request('/sources', { headers: authorization === undefined ? {} : { authorization } });
    expect(res.status).toBe(status);
    if (status === 401) {
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
  });
});

describe('GET /sources', () => {
  it('shows each configured source with its schedule, next fire, state and article count', async () => {
    await h.store.upsert(makeArticle(1));
    await h.store.upsert(makeArticle(2));
    await h.crawlState.recordRun('kinhtedothi', {
      jobId: 'run__kinhtedothi__x',
      status: 'partial',
      reason: null,
      startedAt: NOW - 60_000,
      finishedAt: NOW - 20_000,
      counts: { discovered: 5, fetched: 4, new: 2, updated: 0, unchanged: 2, failed: 1 },
    });
    const res = await h.call('GET', '/sources');
    expect(res.status).toBe(200);
    const { sources } = (await res.json()) as { sources: SourceBody[] };
    expect(sources.map((s) => s.id).sort()).toEqual(h.config.sources.map((s) => s.id).sort());
    const kt = sources.find((s) => s.id === 'kinhtedothi');
    // */15 in Hà Nội time, asked at 08:07:30 → 08:15:00 +07:00.
    expect(kt?.nextFire).toBe('2026-03-02T01:15:00.000Z');
    expect(kt?.articles).toBe(2);
    expect(kt?.paused).toBe(false);
    expect(kt?.lastRun?.status).toBe('partial');
    expect(kt?.lastRun?.durationMs).toBe(40_000);
    expect(kt?.lastRun?.counts).toMatchObject({ new: 2, failed: 1 });
    const other = sources.find((s) => s.id !== 'kinhtedothi');
    expect(other?.articles).toBe(0);
    expect(other?.lastRun).toBeNull();
  });
});

describe('source controls', () => {
  it('pause and resume flip the paused flag the scheduler reads', async () => {
    const paused = (await (await h.call('POST', '/sources/kinhtedothi/pause')).json()) as SourceBody;
    expect(paused.paused).toBe(true);
    expect((await h.crawlState.get('kinhtedothi')).paused).toBe(true);
    const resumed = (await (await h.call('POST', '/sources/kinhtedothi/resume')).json()) as SourceBody;
    expect(resumed.paused).toBe(false);
    expect((await h.crawlState.get('kinhtedothi')).paused).toBe(false);
  });

  it('reset-backoff ends a backoff left by failed runs', async () => {
    for (let i = 0; i < 3; i++) {
      await h.crawlState.recordRun('kinhtedothi', { jobId: `j${i}`, status: 'failed', reason: 'down', startedAt: NOW, finishedAt: NOW, counts: {} });
    }
    const before = (await (await h.call('GET', '/sources/kinhtedothi')).json()) as SourceBody;
    expect(before.consecutiveFailures).toBe(3);
    // Third failure in a row: 20 minutes.
    expect(before.backoffUntil).toBe(new Date(NOW + 20 * 60_000).toISOString());
    const after = (await (await h.call('POST', '/sources/kinhtedothi/reset-backoff')).json()) as SourceBody;
    expect(after.consecutiveFailures).toBe(0);
    expect(after.backoffUntil).toBeNull();
  });

  it('crawl enqueues a manual run and answers 202 with its job id', async () => {
    const res = await h.call('POST', '/sources/kinhtedothi/crawl');
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    expect(jobId).toMatch(/^run__kinhtedothi__manual-/);
    const jobs = (await (await h.call('GET', '/jobs?source=kinhtedothi')).json()) as { jobs: { id: string; state: string; trigger: string }[] };
    expect(jobs.jobs).toEqual([expect.objectContaining({ id: jobId, state: 'waiting', trigger: 'manual' })]);
    const one = (await (await h.call('GET', `/jobs/${jobId}`)).json()) as { id: string; sourceId: string };
    expect(one).toMatchObject({ id: jobId, sourceId: 'kinhtedothi' });
  });
});

describe('articles', () => {
  it('GET /articles/{id} returns the stored record as it is', async () => {
    const article = makeArticle(7);
    await h.store.upsert(article);
    const res = await h.call('GET', `/articles/${article.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(article);
  });
});

describe('bad input and unknown ids', () => {
  it.each([
    ['GET', '/jobs?limit=0', 400, 'limit'],
    ['GET', '/jobs?limit=ten', 400, 'limit'],
    ['GET', '/jobs?limit=501', 400, 'limit'],
    ['GET', '/jobs?state=exploded', 400, 'state'],
    ['GET', '/jobs?source=Not_A_Slug', 400, 'id'],
    ['GET', '/jobs?source=unknown-site', 404, null],
    ['GET', '/jobs/has%20space', 400, 'id'],
    ['GET', '/jobs/run__kinhtedothi__never', 404, null],
    ['GET', '/articles/XYZ', 400, 'id'],
    ['GET', '/articles/0123456789abcdef', 404, null],
    ['GET', '/sources/unknown-site', 404, null],
    ['POST', '/sources/unknown-site/crawl', 404, null],
    ['POST', '/sources/unknown-site/pause', 404, null],
    ['POST', '/sources/BAD!/resume', 400, 'id'],
    ['GET', '/no-such-endpoint', 404, null],
  ])('%s %s → %i', async (method, p, status, param) => {
    const res = await h.call(method, p);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const body = (await res.json()) as { status: number; param?: string };
    expect(body.status).toBe(status);
    if (param !== null) expect(body.param).toBe(param);
  });
});
