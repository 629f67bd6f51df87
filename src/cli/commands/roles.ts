/**
 * `bantin serve | worker | scheduler | start`: run one role, or all three in
 * one process (plus the embedded Redis when REDIS_URL and REDIS_CLUSTER_NODES are unset). SIGTERM and
 * SIGINT stop every role within SHUTDOWN_TIMEOUT_MS, then close Redis
 * (roles/shutdown.ts): exit 0 and "stopped", or, past the deadline, exit 1
 * and one line saying what was abandoned.
 */
import type { RoleHandle } from '../../roles/role.js';
import type { Context } from '../../roles/context.js';
import type { Command } from '../command.js';
import { stopRoles } from '../../roles/shutdown.js';
import { context } from '../setup.js';

/** Once the shutdown line is written, how long the process may take to end by itself before it is ended. */
const EXIT_GRACE_MS = 200;

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
    await stopRoles(handles, ctx, 0, ctx.log);
    throw error;
  }
  ctx.log.info({ roles: names, redis: ctx.redisDescription }, 'bantin running');

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      ctx.log.info({ signal, deadlineMs: ctx.settings.SHUTDOWN_TIMEOUT_MS }, 'shutting down');
      void stopRoles(handles, ctx, ctx.settings.SHUTDOWN_TIMEOUT_MS, ctx.log)
        .catch((err: unknown) => {
          ctx.log.error({ err }, 'shutdown failed');
          return { code: 1 as const };
        })
        .then(({ code }) => {
          resolve(code);
          // What was abandoned may still hold the event loop (a queue client waiting on a Redis that is not
          // coming back): the process ends anyway. The timer does not hold the loop itself.
          setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
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
  roleCommand('start', ['serve', 'worker', 'scheduler'], 'run the server, a worker and the scheduler in one process (and Redis, when neither REDIS_URL nor REDIS_CLUSTER_NODES is set)'),
  roleCommand('serve', ['serve'], 'serve the feeds over HTTP on PORT (default 8080)'),
  roleCommand('worker', ['worker'], 'take crawl jobs off the queue and run them'),
  roleCommand('scheduler', ['scheduler'], "fire each source's crawl schedule once per slot, across all schedulers"),
];
