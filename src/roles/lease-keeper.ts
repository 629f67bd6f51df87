/**
 * Keeps a run's lease on its source's run lock alive while this process
 * works on the run: renewed every `renewMs` (and at once when asked), so
 * the lock lapses within `ttlMs` of this process dying. A renewal that
 * finds the lease gone (it lapsed and another run took it, or an operator
 * cleared it with `--force`) stops renewing and says so once; the work
 * itself goes on, as every write is an upsert.
 */
import type { Logger } from '../core/log.js';
import type { CrawlStateStore } from '../store/index.js';
import type { LeaseTimes } from '../store/run-lease.js';

export interface LeaseKeeper {
  stop(): void;
}

export interface KeeperDeps {
  crawlState: Pick<CrawlStateStore, 'renewRun'>;
  log: Logger;
  lease: LeaseTimes;
}

export function keepLease(
  deps: KeeperDeps,
  sourceId: string,
  jobId: string,
  /** `quiet`: a failed renewal is logged at debug only (article jobs: one line per article during an outage would drown the log). */
  options: { renewNow?: boolean; onLost?: () => void; quiet?: boolean } = {},
): LeaseKeeper {
  let renewing = false;
  let stopped = false;
  let failing = false;
  const renew = async (): Promise<void> => {
    if (renewing || stopped) return;
    renewing = true;
    try {
      const held = await deps.crawlState.renewRun(sourceId, jobId, deps.lease);
      failing = false;
      if (!held && !stopped) {
        stop();
        options.onLost?.();
      }
    } catch (err) {
      // Redis away: the lease may lapse meanwhile, which is what it is for; said once per outage.
      if (!failing) (options.quiet ? deps.log.debug : deps.log.warn).call(deps.log, { err, source: sourceId, jobId }, 'run lock could not be renewed; trying again');
      failing = true;
    } finally {
      renewing = false;
    }
  };
  const timer = setInterval(() => void renew(), deps.lease.renewMs);
  timer.unref();
  const stop = (): void => {
    stopped = true;
    clearInterval(timer);
  };
  if (options.renewNow) void renew();
  return { stop };
}
