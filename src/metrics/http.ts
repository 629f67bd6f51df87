/**
 * `GET /metrics` as a Hono sub-app. The caller decides the guard: the
 * server role puts it behind the admin token when one is set, and leaves
 * it open otherwise (for a deployment that fences scrapers at the network).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Metrics } from './metrics.js';

export function createMetricsApp(deps: { metrics: Metrics; guard?: MiddlewareHandler }): Hono {
  const app = new Hono();
  if (deps.guard) app.use('*', deps.guard);
  app.get('/', async (c) => c.body(await deps.metrics.text(), 200, { 'content-type': deps.metrics.contentType, 'cache-control': 'no-store' }));
  return app;
}
