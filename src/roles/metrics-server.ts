/**
 * `/metrics` for a process that runs no feed server (a lone worker or
 * scheduler), on METRICS_PORT: so every role of a split deployment can be
 * scraped. Guarded by the admin token when one is set, like the server's.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { createMetricsApp } from './metrics-app.js';
import { adminGuard } from '../ops/index.js';
import { createProfileDriftStore } from '../store/index.js';
import type { Context } from './context.js';
import { watchProfileDrift } from './profile-drift.js';
import { within } from '../core/within.js';
import type { RoleHandle } from './role.js';

export async function startMetricsServer(ctx: Context, port: number): Promise<RoleHandle & { url: string }> {
  const token = ctx.settings.BANTIN_ADMIN_TOKEN;
  // Drift is kept in Redis by every worker: this process shows the whole picture, not only its own articles.
  watchProfileDrift(ctx.metrics, ctx.config.sources, createProfileDriftStore({ redis: ctx.connect('commands'), prefix: ctx.settings.BANTIN_REDIS_PREFIX }));
  const app = new Hono();
  app.get('/healthz', (c) => {
    const health = ctx.health();
    return c.json(health, health.ok ? 200 : 503, { 'cache-control': 'no-store' });
  });
  app.route('/metrics', createMetricsApp({ metrics: ctx.metrics, guard: token === null ? undefined : adminGuard(token) }));
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: ctx.settings.HOST }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ctx.log.info({ url: `${url}/metrics` }, 'serving metrics');
  return {
    name: 'metrics',
    url,
    async stop(deadlineMs) {
      if (await within(new Promise<boolean>((resolve) => server.close(() => resolve(true))), deadlineMs, false)) return [];
      if ('closeAllConnections' in server) server.closeAllConnections();
      return [{ what: 'open /metrics connections' }];
    },
  };
}
