/**
 * `bantin unlock ID [--force]`: clear a source's run lock by hand, when a
 * run's process died and waiting RUN_LOCK_TTL_MS for its lease to lapse is
 * too long. Refused, exit 2 as `sources add` refuses to replace a file
 * without --force, while the lock's holder still renews it.
 */
import { LockHeldError } from '../../ops/index.js';
import type { Command } from '../command.js';
import { withOps } from '../ops-client.js';
import { ExitError } from '../setup.js';

export const unlockCommand: Command = {
  name: 'unlock',
  summary: "clear a source's run lock left by a run whose process died (refused while its holder renews it, unless --force)",
  usage: `bantin unlock ID [--force] [--json]

  --force   clear it even while its holder still renews it (a second run may then overlap the first)
  --json    the cleared lock and the source as JSON`,
  options: { force: { type: 'boolean' }, json: { type: 'boolean' } },
  allowPositionals: true,
  run(values, positionals) {
    const [id, ...extra] = positionals;
    if (id === undefined || extra.length > 0) throw new ExitError(2, 'bantin unlock: give exactly one source id');
    return withOps(values, async (ops) => {
      let unlocked: Awaited<ReturnType<typeof ops.unlock>>;
      try {
        unlocked = await ops.unlock(id, { force: values.force === true });
      } catch (error) {
        if (error instanceof LockHeldError) throw new ExitError(2, `bantin unlock: ${error.message}; --force clears it anyway`);
        throw error;
      }
      const { cleared } = unlocked;
      if (values.json === true) {
        process.stdout.write(`${JSON.stringify(unlocked, null, 2)}\n`);
        return 0;
      }
      console.log(
        cleared === null
          ? `${id}: no run lock to clear`
          : `${id}: cleared the run lock of ${cleared.jobId} (started ${cleared.startedAt ?? 'unknown'}, last renewed ${cleared.renewedAt ?? 'never'})`,
      );
      return 0;
    });
  },
};
