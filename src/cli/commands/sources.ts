/**
 * `bantin sources`: every configured source with its schedule, next fire,
 * pause/backoff state, last run, article count and profile drift, read from the same
 * Redis the roles use. A table on a TTY, JSON with --json. `--unmapped`
 * lists instead the sections of each source's recent articles that no
 * `categories:` mapping covers, so an operator knows what to map.
 */
import { NO_CATEGORY_RULES } from '../../config/index.js';
import { unmappedSections, type UnmappedSection } from '../../normalize/category.js';
import { createRedisStore } from '../../store/index.js';
import type { Command } from '../command.js';
import { printRows, withOps } from '../ops-client.js';
import { context } from '../setup.js';

/** How far back `--unmapped` looks: the newest articles of each source, about the last runs' worth. */
const UNMAPPED_WINDOW = 500;

async function unmapped(values: Record<string, string | boolean | undefined>): Promise<number> {
  const ctx = await context({ config: values.config as string | undefined, feeds: values.feeds as string | undefined });
  try {
    const store = createRedisStore({ redis: ctx.connect('commands'), prefix: ctx.settings.BANTIN_REDIS_PREFIX, log: ctx.log });
    const rows: (UnmappedSection & { source: string })[] = [];
    for (const source of ctx.config.sources) {
      const recent = await store.list({ streams: [{ kind: 'source', id: source.id }], limit: UNMAPPED_WINDOW });
      for (const u of unmappedSections(source.categoryRules ?? NO_CATEGORY_RULES, recent)) rows.push({ source: source.id, ...u });
    }
    printRows(values.json === true, rows, [
      ['SOURCE', (r) => r.source],
      ['SECTION', (r) => r.section],
      ['ARTICLES', (r) => String(r.articles)],
      ['LAST SEEN', (r) => r.lastSeen],
      ['KEYWORDS GAVE', (r) => r.placedAs ?? '-'],
    ]);
    return 0;
  } finally {
    await ctx.close();
  }
}

export const sourcesCommand: Command = {
  name: 'sources',
  summary: 'list sources: schedule, next fire, paused, backoff, last run, article count, profile drift; --unmapped: sections no category mapping covers',
  usage: 'bantin sources [--json] [--unmapped]',
  options: { json: { type: 'boolean' }, unmapped: { type: 'boolean' } },
  run: (values) =>
    values.unmapped === true
      ? unmapped(values)
      : withOps(values, async (ops) => {
          const sources = await ops.sources();
          printRows(values.json === true, sources, [
            ['SOURCE', (s) => s.id],
            ['CRON', (s) => s.schedule.cron],
            ['NEXT FIRE', (s) => s.nextFire ?? '-'],
            ['STATE', (s) => (s.paused ? 'paused' : s.backoffUntil ? `backoff until ${s.backoffUntil}` : s.runningJob ? 'running' : 'idle')],
            ['FAILS', (s) => String(s.consecutiveFailures)],
            ['LAST RUN', (s) => (s.lastRun ? `${s.lastRun.status} ${s.lastRun.finishedAt}` : '-')],
            ['NEW/UPD/FAIL', (s) => (s.lastRun ? `${s.lastRun.counts.new ?? 0}/${s.lastRun.counts.updated ?? 0}/${s.lastRun.counts.failed ?? 0}` : '-')],
            ['ARTICLES', (s) => String(s.articles)],
            ['PROFILE DRIFT', (s) => (s.drift.length === 0 ? '-' : s.drift.map((d) => `${d.field} ${d.profile}/${d.counted} since ${d.since}`).join(', '))],
          ]);
          return 0;
        }),
};
