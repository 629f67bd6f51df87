/**
 * Crawl progress for a person or a log: a live line on a TTY (found,
 * fetched, stored, failed, rate, ETA), plain lines otherwise.
 */
import type { Clock } from '../core/clock.js';
import type { CrawlEvent, CrawlReport } from '../crawl/index.js';

interface Out {
  write(s: string): unknown;
  isTTY?: boolean;
}

export function createProgress(sourceId: string, out: Out, clock: Clock) {
  const started = clock.now();
  let stored = 0;
  let failed = 0;
  let lastPlainTenth = -1;
  const tty = out.isTTY === true;
  return {
    event(e: CrawlEvent): void {
      if (e.type === 'discovered') {
        out.write(`${sourceId}: discover: ${e.total} article links, ${e.toFetch} to fetch${e.failures ? `, ${e.failures} feed/listing failures` : ''}\n`);
        return;
      }
      if (e.outcome === 'failed') failed++;
      else stored++;
      const secs = Math.max(0.001, (clock.now() - started) / 1000);
      const rate = e.done / secs;
      const eta = rate > 0 ? Math.round((e.of - e.done) / rate) : 0;
      const line = `${sourceId}: fetch ${e.done}/${e.of}  stored ${stored}  failed ${failed}  ${rate.toFixed(1)}/s  ETA ${eta}s`;
      if (tty) out.write(`\r${line}\u001b[K`);
      else {
        const tenth = Math.floor((e.done / e.of) * 10);
        if (tenth !== lastPlainTenth || e.done === e.of) out.write(`${line}\n`);
        lastPlainTenth = tenth;
      }
    },
    done(r: CrawlReport): void {
      if (tty) out.write('\n');
      const failures = Object.entries(r.failures).map(([k, v]) => `${k}=${v}`).join(' ');
      out.write(
        `${sourceId}: ${r.status}: discovered ${r.discovered}, fetched ${r.fetched}, new ${r.new}, updated ${r.updated}, unchanged ${r.unchanged}, failed ${r.failed}${failures ? ` (${failures})` : ''} in ${((r.finishedAt - r.startedAt) / 1000).toFixed(1)}s${r.reason ? `: ${r.reason}` : ''}\n`,
      );
    },
  };
}
