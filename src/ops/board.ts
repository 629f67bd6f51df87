/**
 * Bull Board, the BullMQ dashboard, as a Hono sub-app behind the admin
 * guard. It is mounted at `basePath`, which it needs to know to build its
 * own links.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Queue } from 'bullmq';
import { Hono } from 'hono';
import { adminGuard } from './auth.js';

export function createQueueBoard(deps: { queues: Queue[]; token: string; basePath: string }): Hono {
  const adapter = new HonoAdapter(serveStatic).setBasePath(deps.basePath);
  createBullBoard({
    queues: deps.queues.map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'bantin' } },
  });
  const app = new Hono();
  app.use('*', adminGuard(deps.token));
  app.route('/', adapter.registerPlugin());
  return app;
}
