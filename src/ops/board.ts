/**
 * Bull Board, the BullMQ dashboard, as a Hono sub-app behind the board's
 * guard (the only place Basic auth is taken, so a browser can open it) and
 * the origin check on the calls that change something (retry, clean,
 * pause). It is mounted at `basePath`, which it needs to know to build its
 * own links.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Queue } from 'bullmq';
import { Hono } from 'hono';
import { boardGuard } from './auth.js';
import { sameOriginWrites } from './origin.js';

export function createQueueBoard(deps: { queues: Queue[]; token: string; basePath: string; publicUrl?: string | null }): Hono {
  const adapter = new HonoAdapter(serveStatic).setBasePath(deps.basePath);
  createBullBoard({
    queues: deps.queues.map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'bantin' } },
  });
  const app = new Hono();
  app.use('*', sameOriginWrites(deps.publicUrl ?? null));
  app.use('*', boardGuard(deps.token));
  app.route('/', adapter.registerPlugin());
  return app;
}
