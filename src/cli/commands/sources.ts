/**
 * `bantin sources`: every configured source with its schedule, next fire,
 * pause/backoff state, last run, article count and profile drift, read from the same
 * Redis the roles use. A table on a TTY, JSON with --json.
 */
import type { Command } from '../command.js';
import { printRows, withOps } from '../ops-client.js';

export const sourcesCommand: Command = {
  name: 'sources',
  summary: 'list sources: schedule, next fire, paused, backoff, last run, article count, profile drift',
  usage: 'bantin sources [--json]',
  options: { json: { type: 'boolean' } },
  run: (values) =>
    withOps(values, async (ops) => {
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
