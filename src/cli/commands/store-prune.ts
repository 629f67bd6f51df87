/**
 * `bantin store prune [--dry-run] [--source ID]`: apply retention now, as
 * the scheduler does once a day (src/store/retention.ts), and print per
 * source what was (or, dry, would be) trimmed or dropped and the memory
 * freed. Idempotent: run again, it finds nothing more to do.
 */
import type { Command } from '../command.js';
import { context, countOption, ExitError } from '../setup.js';

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

export const storePruneCommand: Command = {
  name: 'store prune',
  summary: 'trim or drop the articles past their retention now (what the scheduler does once a day)',
  usage: `bantin store prune [--dry-run] [--source ID] [--batch N]

  --dry-run     say what it would do, change nothing
  --source ID   only this source
  --batch N     records read per round trip (default 200)

  Retention: a source's retention: { days, mode } in its YAML, else BANTIN_RETENTION_DAYS
  and BANTIN_RETENTION_MODE (trim or drop); neither: kept forever.`,
  options: { 'dry-run': { type: 'boolean' }, source: { type: 'string' }, batch: { type: 'string' } },
  async run(values) {
    const batch = countOption('store prune', 'batch', values.batch, 200);
    const dryRun = values['dry-run'] === true;
    const only = values.source as string | undefined;
    const ctx = await context({ config: values.config as string | undefined, feeds: values.feeds as string | undefined });
    try {
      const sources = only === undefined ? ctx.config.sources : ctx.config.sources.filter((s) => s.id === only);
      if (sources.length === 0) throw new ExitError(2, `bantin store prune: no source "${only}" in the config`);
      const { prunePolicies } = await import('../../roles/retention.js');
      const { createRedisStore, pruneSources } = await import('../../store/index.js');
      const policies = prunePolicies(sources, ctx.settings);
      const redis = ctx.connect('commands');
      const prefix = ctx.settings.BANTIN_REDIS_PREFIX;
      const reports = await pruneSources(
        {
          redis,
          prefix,
          store: createRedisStore({ redis, prefix, log: ctx.log }),
          clock: ctx.clock,
          dryRun,
          batch,
          onCorrupt: (error) => ctx.log.error({ err: error, key: error.key }, 'corrupt record left as it is'),
        },
        policies,
      );
      const byId = new Map(reports.map((r) => [r.sourceId, r]));
      const width = Math.max(...sources.map((s) => s.id.length));
      console.log(`store prune${dryRun ? ' (dry run: nothing changed)' : ''}:`);
      for (const s of sources) {
        const r = byId.get(s.id);
        if (r === undefined) {
          console.log(`  ${s.id.padEnd(width)}  kept forever (no retention)`);
          continue;
        }
        const did = r.mode === 'trim' ? `${dryRun ? 'would trim' : 'trimmed'} ${r.trimmed}, ${r.alreadyTrimmed} trimmed before` : `${dryRun ? 'would drop' : 'dropped'} ${r.dropped}`;
        const more = [r.skipped > 0 ? `${r.skipped} changed meanwhile, left for next time` : '', r.corrupt > 0 ? `${r.corrupt} unreadable, left as they are (logged)` : ''].filter(Boolean);
        console.log(
          `  ${s.id.padEnd(width)}  ${r.mode} after ${r.days} days (published at or before ${r.cutoff}): ${did}; ${mib(r.bytesFreed)} (${r.bytesFreed} bytes) ${dryRun ? 'would be ' : ''}freed, ${r.bytes}${more.length > 0 ? `; ${more.join('; ')}` : ''}`,
        );
      }
      return reports.some((r) => r.corrupt > 0) ? 1 : 0;
    } finally {
      await ctx.close();
    }
  },
};
