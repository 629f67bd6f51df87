/**
 * `bantin store check [--repair]`: whether the store's indexes and URL map
 * match its records, on a single Redis or every master of a cluster
 * (src/store/store-check.ts says what it looks for). With --repair it puts
 * right what it found and looks again. Exit 0 when nothing is left to put
 * right, 1 when something is.
 */
import type { CheckReport } from '../../store/index.js';
import type { Command } from '../command.js';
import { context, countOption } from '../setup.js';

/** What one check found: the store's report without what a repair did. */
type Counts = Omit<CheckReport, 'repaired'>;

function describe(r: Counts): string {
  return [
    `${r.records} records`,
    `${r.pending} with index steps pending`,
    `${r.unindexed} missing from an index or the URL map`,
    `${r.strayEntries} index entries without their record`,
    `${r.danglingUrls} URLs naming no record`,
    ...(r.corrupt > 0 ? [`${r.corrupt} unreadable (logged, left as they are)`] : []),
  ].join(', ');
}

export const storeCheckCommand: Command = {
  name: 'store check',
  summary: "check that the store's indexes and URL map match its records; --repair puts them right",
  usage: `bantin store check [--repair] [--batch N]

  --repair    redo what an interrupted writer left undone, take out entries naming no record, then check again
  --batch N   keys looked at per round trip (SCAN COUNT, default 200)`,
  options: { repair: { type: 'boolean' }, batch: { type: 'string' } },
  async run(values) {
    const batch = countOption('store check', 'batch', values.batch, 200);
    const ctx = await context({ config: values.config as string | undefined, feeds: values.feeds as string | undefined });
    const { checkStore, storeProblems } = await import('../../store/index.js');
    try {
      const options = { redis: ctx.connect('commands'), prefix: ctx.settings.BANTIN_REDIS_PREFIX, log: ctx.log, batch };
      const found = await checkStore({ ...options, repair: values.repair === true });
      console.log(`store check: ${describe(found)}`);
      if (values.repair !== true) return storeProblems(found) > 0 ? 1 : 0;
      console.log(`store check: repaired ${found.repaired}`);
      const after = await checkStore(options);
      console.log(`store check: after repair: ${describe(after)}`);
      return storeProblems(after) > 0 ? 1 : 0;
    } finally {
      await ctx.close();
    }
  },
};
