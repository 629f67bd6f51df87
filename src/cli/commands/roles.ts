/**
 * `bantin serve | worker | scheduler | start`: run one role, or all three in
 * one process (plus the embedded Redis when REDIS_URL is unset). SIGTERM and
 * SIGINT stop every role within SHUTDOWN_TIMEOUT_MS, then close Redis.
 */
import type { RoleHandle } from '../../roles/role.js';
import type { Context } from '../../roles/context.js';
import type { Command } from '../command.js';
import { context } from '../setup.js';

type RoleName = 'serve' | 'worker' | 'scheduler';
// Loaded on demand: `bantin extract` need not load the server, queue and cron stacks.
const STARTERS: Record<RoleName, (ctx: Context) => Promise<RoleHandle>> = {
  serve: async (ctx) => (await import('../../roles/server.js')).startServer(ctx),
  worker: async (ctx) => (await import('../../roles/worker.js')).startWorker(ctx),
  scheduler: async (ctx) => (await import('../../roles/scheduler.js')).startScheduler(ctx),
};

async function runRoles(names: RoleName[], values: Record<string, string | boolean | undefined>): Promise<number> {
  const ctx = await context({ config: values.config as string | undefined, feeds: values.feeds as string | undefined });
  const handles: RoleHandle[] = [];
  try {
    for (const name of names) handles.push(await STARTERS[name](ctx));
    // A split deployment's worker and scheduler are scraped on METRICS_PORT; `serve` has /metrics already.
    if (ctx.settings.METRICS_PORT !== null && !names.includes('serve')) {
      const { startMetricsServer } = await import('../../roles/metrics-server.js');
      handles.push(await startMetricsServer(ctx, ctx.settings.METRICS_PORT));
    }
  } catch (error) {
    await Promise.all(handles.map((h) => h.stop(0)));
    await ctx.close();
    throw error;
  }
  ctx.log.info({ roles: names, redis: ctx.redisUrl.replace(/\/\/[^@]*@/, '//***@') }, 'bantin running');

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      ctx.log.info({ signal, deadlineMs: ctx.settings.SHUTDOWN_TIMEOUT_MS }, 'shutting down');
      // All at once, each within the same deadline, so the deadlines do not add up.
      void Promise.allSettled(handles.map((h) => h.stop(ctx.settings.SHUTDOWN_TIMEOUT_MS)))
        .then(async (results) => {
          for (const r of results) if (r.status === 'rejected') ctx.log.error({ err: r.reason }, 'role did not stop cleanly');
          await ctx.close();
          ctx.log.info('stopped');
          resolve(0);
        });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

function roleCommand(name: string, roles: RoleName[], summary: string): Command {
  return {
    name,
    summary,
    usage: `bantin ${name} [--config DIR] [--feeds DIR]`,
    options: {},
    run: (values) => runRoles(roles, values),
  };
}

export const roleCommands: Command[] = [
  roleCommand('start', ['serve', 'worker', 'scheduler'], 'run the server, a worker and the scheduler in one process (and Redis, when REDIS_URL is unset)'),
  roleCommand('serve', ['serve'], 'serve the feeds over HTTP on PORT (default 8080)'),
  roleCommand('worker', ['worker'], 'take crawl jobs off the queue and run them'),
  roleCommand('scheduler', ['scheduler'], "fire each source's crawl schedule once per slot, across all schedulers"),
];
