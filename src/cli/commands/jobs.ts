/**
 * `bantin jobs [--source ID] [--state failed] [--limit N]`: recent crawl
 * runs with their state, timings, counts and failures by class.
 */
import type { Command } from '../command.js';
import { JOB_STATES } from '../../ops/index.js';
import { printRows, withOps } from '../ops-client.js';

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'list recent crawl runs: state, timings, counts, failures by class',
  usage: `bantin jobs [--source ID] [--state ${JOB_STATES.join('|')}] [--limit N] [--json]`,
  options: { source: { type: 'string' }, state: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  run: (values) =>
    withOps(values, async (ops) => {
      const jobs = await ops.jobs({
        source: values.source as string | undefined,
        state: values.state as string | undefined,
        limit: values.limit as string | undefined,
      });
      printRows(values.json === true, jobs, [
        ['JOB', (j) => j.id],
        ['STATE', (j) => j.state],
        ['STATUS', (j) => j.status ?? '-'],
        ['STARTED', (j) => j.startedAt ?? j.enqueuedAt],
        ['SECS', (j) => (j.durationMs === null ? '-' : (j.durationMs / 1000).toFixed(1))],
        ['DISC/NEW/UPD/SAME/FAIL', (j) => (j.counts ? `${j.counts.discovered}/${j.counts.new}/${j.counts.updated}/${j.counts.unchanged}/${j.counts.failed}` : '-')],
        ['FAILURES', (j) => Object.entries(j.failures).map(([k, v]) => `${k}=${v}`).join(' ') || (j.error ?? '-')],
      ]);
      return 0;
    }),
};
