/**
 * `GET /metrics` as a Hono sub-app, for the server (ops-mounts.ts) and the
 * lone worker's or scheduler's METRICS_PORT (metrics-server.ts). The caller
 * decides the guard: the admin token when one is set, open otherwise (for a
 * deployment that fences scrapers at the network). It lives with the roles,
 * not in metrics/, so the registry every role records into does not load Hono.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Metrics } from '../metrics/index.js';

export function createMetricsApp(deps: { metrics: Metrics; guard?: MiddlewareHandler }): Hono {
  const app = new Hono();
  if (deps.guard) app.use('*', deps.guard);
  app.get('/', async (c) => c.body(await deps.metrics.text(), 200, { 'content-type': deps.metrics.contentType, 'cache-control': 'no-store' }));
  return app;
}
