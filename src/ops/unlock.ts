/**
 * Clearing a source's run lock by hand (`bantin unlock ID`, `POST
 * /api/sources/{id}/unlock`). A dead holder's lease lapses by itself within
 * RUN_LOCK_TTL_MS; this is for not waiting. A lock whose holder still
 * renews it (within its renewal interval and a margin) belongs to a run
 * that is alive: it is left alone, and said so, unless forced.
 */
import type { Clock } from '../core/clock.js';
import { BantinError, InputError } from '../core/errors.js';
import type { CrawlStateStore } from '../store/index.js';
import type { RunLease } from '../store/run-lease.js';

/** The lock's holder still renews it: clearing it would let a second run overlap a live one. */
export class LockHeldError extends BantinError {
  readonly kind = 'lock-held';

  constructor(
    readonly sourceId: string,
    readonly lease: RunLease,
    readonly renewedAgoMs: number,
  ) {
    super(
      `${sourceId}'s run lock is held by ${lease.jobId}, renewed ${Math.round(renewedAgoMs / 1000)} s ago: its run is still going`,
    );
  }
}

export interface LeaseView {
  jobId: string;
  startedAt: string | null;
  renewedAt: string | null;
  expiresAt: string | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function leaseView(lease: RunLease | null): LeaseView | null {
  if (lease === null) return null;
  return { jobId: lease.jobId, startedAt: iso(lease.startedAt), renewedAt: iso(lease.renewedAt), expiresAt: iso(lease.expiresAt) };
}

/** `force` as the API's query gives it: absent, true/false or 1/0. */
export function parseForce(raw: string | boolean | undefined): boolean {
  if (raw === undefined || typeof raw === 'boolean') return raw === true;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new InputError('force', 'must be true or false');
}

/** The lease cleared, or null when there was none; LockHeldError while its holder renews it and `force` is not set. */
export async function clearLock(crawlState: CrawlStateStore, clock: Clock, sourceId: string, force: boolean): Promise<LeaseView | null> {
  const result = await crawlState.clearRunLock(sourceId, { force });
  if (result.outcome === 'none') return null;
  if (result.outcome === 'renewing') throw new LockHeldError(sourceId, result.lease, clock.now() - (result.lease.renewedAt ?? 0));
  return leaseView(result.lease);
}
