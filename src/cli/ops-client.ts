/**
 * What the ops commands share: an ops service over the configured Redis
 * (closed afterwards), the service's typed errors as exit codes, and
 * output as an aligned table, or JSON for scripts (--json).
 */
import { BantinError } from '../core/errors.js';
import { createOpsService, type OpsService } from '../ops/index.js';
import { createCrawlQueue } from '../queue/index.js';
import { createCrawlStateStore, createProfileDriftStore, createRedisStore, keys } from '../store/index.js';
import { context, ExitError } from './setup.js';

export async function withOps(values: Record<string, string | boolean | undefined>, act: (ops: OpsService) => Promise<number>): Promise<number> {
  const ctx = await context({ config: values.config as string | undefined, feeds: values.feeds as string | undefined });
  const prefix = ctx.settings.BANTIN_REDIS_PREFIX;
  const redis = ctx.connect('commands');
  const queue = createCrawlQueue({ connection: ctx.connect('commands'), prefix: keys(prefix).queuePrefix, clock: ctx.clock, log: ctx.log });
  const ops = createOpsService({
    sources: ctx.config.sources,
    crawlState: createCrawlStateStore({ redis, prefix, clock: ctx.clock }),
    drift: createProfileDriftStore({ redis, prefix }),
    store: createRedisStore({ redis, prefix, log: ctx.log }),
    queue,
    clock: ctx.clock,
  });
  try {
    return await act(ops);
  } catch (error) {
    // Bad input exits 2 and an unknown id 1, each with the service's own message.
    if (error instanceof BantinError && error.kind === 'input') throw new ExitError(2, `bantin: ${error.message}`);
    if (error instanceof BantinError && error.kind === 'unknown-id') throw new ExitError(1, `bantin: ${error.message}`);
    throw error;
  } finally {
    await queue.close();
    await ctx.close();
  }
}

export type Column<T> = [header: string, cell: (row: T) => string];

export function formatTable<T>(rows: T[], columns: Column<T>[]): string {
  const cells = [columns.map(([h]) => h), ...rows.map((r) => columns.map(([, cell]) => cell(r)))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => (line[i] ?? '').length)));
  return cells.map((line) => line.map((c, i) => (i === line.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

/** JSON with --json, for scripts; an aligned table otherwise. */
export function printRows<T>(json: boolean, rows: T[], columns: Column<T>[]): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${formatTable(rows, columns)}\n`);
}
