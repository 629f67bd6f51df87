/** `bantin pause|resume|reset-backoff ID`: the source controls of the ops API, from the shell. */
import type { Command } from '../command.js';
import { ExitError } from '../setup.js';
import { printRows, withOps } from '../ops-client.js';
import type { OpsService, SourceView } from '../../ops/index.js';

type Action = 'pause' | 'resume' | 'reset-backoff';

const ACT: Record<Action, (ops: OpsService, id: string) => Promise<SourceView>> = {
  pause: (ops, id) => ops.pause(id),
  resume: (ops, id) => ops.resume(id),
  'reset-backoff': (ops, id) => ops.resetBackoff(id),
};

const SUMMARY: Record<Action, string> = {
  pause: 'stop scheduling a source until resumed (running jobs finish)',
  resume: 'schedule a paused source again',
  'reset-backoff': "forget a source's consecutive failures and end its backoff",
};

function controlCommand(action: Action): Command {
  return {
    name: action,
    summary: SUMMARY[action],
    usage: `bantin ${action} ID [--json]`,
    options: { json: { type: 'boolean' } },
    allowPositionals: true,
    run(values, positionals) {
      const [id, ...extra] = positionals;
      if (id === undefined || extra.length > 0) throw new ExitError(2, `bantin ${action}: give exactly one source id`);
      return withOps(values, async (ops) => {
        const s = await ACT[action](ops, id);
        printRows(values.json === true, [s], [
          ['SOURCE', (v) => v.id],
          ['PAUSED', (v) => String(v.paused)],
          ['FAILS', (v) => String(v.consecutiveFailures)],
          ['BACKOFF UNTIL', (v) => v.backoffUntil ?? '-'],
        ]);
        return 0;
      });
    },
  };
}

export const sourceControlCommands: Command[] = [controlCommand('pause'), controlCommand('resume'), controlCommand('reset-backoff')];
