/**
 * `bantin store migrate [--batch N]`: brings what an earlier version stored
 * to the current store layout (src/store/store-migrate.ts: compact records,
 * URL sets in their record's slot), with a progress bar. Resumable: Ctrl-C stops after the batch in hand, and
 * the same command run again goes on from there (the cursor is kept in
 * Redis); on a store already migrated it does nothing and says so.
 */
import type { Command } from '../command.js';
import { createBatchProgress } from '../batch-progress.js';
import { context, countOption } from '../setup.js';

export const storeMigrateCommand: Command = {
  name: 'store migrate',
  summary: 'bring records and URL sets stored by earlier versions to the current store layout (resumable)',
  usage: `bantin store migrate [--batch N]

  --batch N   records looked at per batch (SCAN COUNT, default 200)`,
  options: { batch: { type: 'string' } },
  async run(values) {
    const batch = countOption('store migrate', 'batch', values.batch, 200);
    const ctx = await context({ config: values.config as string | undefined, feeds: values.feeds as string | undefined });
    const { migrateStore } = await import('../../store/index.js');
    const progress = createBatchProgress('store migrate', process.stdout, ctx.clock);
    // Ctrl-C ends the batch in hand and keeps the cursor; a second one quits at once (the batch is redone next time).
    let stopping = false;
    const onSignal = (): void => {
      if (stopping) process.exit(130);
      process.stderr.write('\nbantin store migrate: stopping after this batch (again to quit now)\n');
      stopping = true;
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const outcome = await migrateStore({
        redis: ctx.connect('commands'),
        prefix: ctx.settings.BANTIN_REDIS_PREFIX,
        batch,
        stop: () => stopping,
        onCorrupt: (error) => ctx.log.error({ err: error, key: error.key }, 'corrupt record left as it is'),
        onBatch: (p) => {
          progress.update(p.scanned, p.total, `rewritten ${p.rewritten}  URL sets moved ${p.moved}${p.corrupt > 0 ? `  unreadable ${p.corrupt}` : ''}`, p.from);
        },
      });
      progress.end();
      if (outcome.status === 'already') {
        console.log(`store migrate: nothing to do, the store is in layout ${outcome.layout} already`);
        return 0;
      }
      const p = outcome.progress;
      const counts = `${p.scanned} records looked at, ${p.rewritten} rewritten, ${p.moved} URL sets moved${p.corrupt > 0 ? `, ${p.corrupt} unreadable left as they are (logged)` : ''}`;
      if (outcome.status === 'interrupted') {
        process.stderr.write(`bantin store migrate: interrupted after ${counts}; run it again to go on\n`);
        return 130;
      }
      console.log(`store migrate: done${outcome.resumed ? ' (resumed)' : ''}: ${counts}; the store is in layout ${outcome.layout}`);
      return p.corrupt > 0 ? 1 : 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await ctx.close();
    }
  },
};
