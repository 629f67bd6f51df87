/**
 * Progress of a job done in batches (`bantin store migrate`), as
 * src/cli/progress.ts shows a crawl's: a live bar on a TTY (done of total,
 * what was changed, rate, ETA), plain lines at each tenth otherwise.
 */
import type { Clock } from '../core/clock.js';

interface Out {
  write(s: string): unknown;
  isTTY?: boolean;
}

const BAR_WIDTH = 24;

export function createBatchProgress(label: string, out: Out, clock: Clock) {
  const started = clock.now();
  let lastPlainTenth = -1;
  let drawn = false;
  const tty = out.isTTY === true;
  return {
    /** `done` of `total` (a total that was an estimate is stretched to what was done); `detail` after the counts. */
    update(done: number, total: number, detail: string, startedFrom = 0): void {
      const of = Math.max(total, done, 1);
      const secs = Math.max(0.001, (clock.now() - started) / 1000);
      const rate = (done - startedFrom) / secs;
      const eta = rate > 0 ? Math.round((of - done) / rate) : 0;
      const filled = Math.round((done / of) * BAR_WIDTH);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
      const line = `${label}: ${bar} ${done}/${of}  ${detail}  ${rate.toFixed(0)}/s  ETA ${eta}s`;
      if (tty) {
        out.write(`\r${line}\u001b[K`);
        drawn = true;
        return;
      }
      const tenth = Math.floor((done / of) * 10);
      if (tenth !== lastPlainTenth || done >= of) out.write(`${line}\n`);
      lastPlainTenth = tenth;
    },
    /** Ends the live line before a summary. */
    end(): void {
      if (tty && drawn) out.write('\n');
      drawn = false;
    },
  };
}
