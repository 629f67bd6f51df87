/**
 * The ops API, a Hono sub-app mounted at `/api` by the server role. Every
 * route is behind the admin guard (the Bearer token; Basic is Bull Board's
 * alone), and state-changing ones refuse other origins; the server does
 * not mount it at all when no admin token is set, so the whole surface
 * answers 404 then.
 */
import { Hono, type Context } from 'hono';
import type { Logger } from '../core/log.js';
import { adminGuard } from './auth.js';
import { sameOriginWrites } from './origin.js';
import { problem, problemFor } from './problem.js';
import type { OpsService } from './service.js';
import { parseForce } from './unlock.js';

const NO_STORE = { 'cache-control': 'no-store' };

export function createOpsApi(deps: {
  ops: OpsService;
  token: string;
  log: Logger;
  publicUrl?: string | null;
  /** The own WebSub hub's subscriptions and queue; absent with an external hub (the route is then a 404). */
  websub?: () => Promise<unknown>;
}): Hono {
  const { ops, log } = deps;
  const app = new Hono();
  app.use('*', sameOriginWrites(deps.publicUrl ?? null));
  app.use('*', adminGuard(deps.token));

  const json = (c: Context, body: unknown, status: 200 | 202 = 200): Response => c.json(body, status, NO_STORE);

  app.get('/sources', async (c) => json(c, { sources: await ops.sources() }));
  app.get('/sources/:id', async (c) => json(c, await ops.source(c.req.param('id'))));
  app.post('/sources/:id/crawl', async (c) => {
    const queued = await ops.crawl(c.req.param('id'));
    log.info({ source: c.req.param('id'), jobId: queued.jobId }, 'crawl enqueued by an operator');
    return json(c, queued, 202);
  });
  app.post('/sources/:id/pause', async (c) => json(c, await ops.pause(c.req.param('id'))));
  app.post('/sources/:id/resume', async (c) => json(c, await ops.resume(c.req.param('id'))));
  app.post('/sources/:id/reset-backoff', async (c) => json(c, await ops.resetBackoff(c.req.param('id'))));
  app.post('/sources/:id/unlock', async (c) => {
    const unlocked = await ops.unlock(c.req.param('id'), { force: parseForce(c.req.query('force')) });
    if (unlocked.cleared) log.warn({ source: c.req.param('id'), lock: unlocked.cleared }, 'run lock cleared by an operator');
    return json(c, unlocked);
  });
  app.get('/jobs', async (c) => {
    const q = c.req.query();
    return json(c, { jobs: await ops.jobs({ source: q.source, state: q.state, limit: q.limit }) });
  });
  app.get('/jobs/:id', async (c) => json(c, await ops.job(c.req.param('id'))));
  app.get('/articles/:id', async (c) => json(c, await ops.article(c.req.param('id'))));
  const websub = deps.websub;
  if (websub) app.get('/websub', async (c) => json(c, await websub()));

  app.notFound(() => problem(404, 'Not Found', 'no such ops endpoint'));
  app.onError((error) => {
    const answer = problemFor(error);
    if (answer) return answer;
    log.error({ err: error }, 'ops request failed');
    return problem(500, 'Internal Server Error', 'the operation failed; see the server log');
  });
  return app;
}
