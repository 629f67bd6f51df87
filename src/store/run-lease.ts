/**
 * The per-source run lock is a lease: the run holding it renews it every
 * `renewMs` for `ttlMs` more, so a holder that dies (kill -9, a lost
 * machine) lets go within `ttlMs` of its last renewal instead of blocking
 * its source. The lease is a JSON string in the lock key: who holds it,
 * since when the run started, when it was last renewed, when it lapses
 * and how often its holder renews it, so anyone reading it can tell a
 * live holder from a dead one without knowing the holder's settings.
 *
 * Time is the caller's clock (a lease lapses when its `expiresAt` has
 * passed, tests drive it); the key's Redis TTL is set to match, so a
 * lapsed lease also disappears by itself.
 */
import { z } from 'zod';

export interface LeaseTimes {
  /** How long a lease lasts unrenewed. */
  ttlMs: number;
  /** How often its holder renews it. */
  renewMs: number;
}

/** RUN_LOCK_TTL_MS and RUN_LOCK_RENEW_MS default to these. */
export const DEFAULT_LEASE: LeaseTimes = { ttlMs: 60_000, renewMs: 15_000 };

/** Slack past the renewal interval before a holder counts as no longer renewing: a busy event loop or a slow Redis is late, not dead. */
export const RENEW_MARGIN_MS = 5000;

export interface RunLease {
  /** The job (run) holding it. */
  jobId: string;
  /** When the run took it first; kept across renewals and across a re-plan of the same job. Null on a lock from before leases. */
  startedAt: number | null;
  renewedAt: number | null;
  expiresAt: number | null;
  renewMs: number | null;
}

const leaseSchema = z.object({
  jobId: z.string().min(1),
  startedAt: z.number(),
  renewedAt: z.number(),
  expiresAt: z.number(),
  renewMs: z.number(),
});

/** The lease a lock key holds, or null. A plain job id (a lock taken before leases) is held till its Redis TTL and never renewed. */
export function parseLease(raw: string | null): RunLease | null {
  if (raw === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { jobId: raw, startedAt: null, renewedAt: null, expiresAt: null, renewMs: null };
  }
  const parsed = leaseSchema.safeParse(json);
  return parsed.success ? parsed.data : { jobId: raw, startedAt: null, renewedAt: null, expiresAt: null, renewMs: null };
}

/** Held at `now`: not lapsed (a pre-lease lock is held while its key lives). */
export function leaseHeld(lease: RunLease | null, now: number): lease is RunLease {
  return lease !== null && (lease.expiresAt === null || lease.expiresAt > now);
}

/** Its holder renewed it within its renewal interval and the margin: alive, as far as anyone can tell. */
export function stillRenewing(lease: RunLease, now: number): boolean {
  if (!leaseHeld(lease, now) || lease.renewedAt === null || lease.renewMs === null) return false;
  return now - lease.renewedAt < lease.renewMs + RENEW_MARGIN_MS;
}

// Shared by the scripts: the lease in KEYS[1] as a table, or nil; a value that is no JSON object is a pre-lease lock (its raw job id).
const READ = `
local function read(raw)
  if not raw then return nil end
  local ok, lease = pcall(cjson.decode, raw)
  if ok and type(lease) == 'table' and lease.jobId then return lease end
  return { jobId = raw, legacy = true }
end
local function write(key, jobId, startedAt, now, ttl, renew)
  local value = string.format('{"jobId":%s,"startedAt":%.0f,"renewedAt":%.0f,"expiresAt":%.0f,"renewMs":%.0f}', cjson.encode(jobId), startedAt, now, now + ttl, renew)
  redis.call('SET', key, value, 'PX', ttl)
end
`;

/**
 * Take the lease: ARGV jobId, now, ttlMs, renewMs. 1 when taken (free,
 * lapsed, or the same job's, which keeps its startedAt: a run re-planned
 * after its worker died takes its own lease back), 0 when another run holds it.
 */
export const TAKE = `${READ}
local held = read(redis.call('GET', KEYS[1]))
local now = tonumber(ARGV[2])
local startedAt = now
if held then
  if held.jobId == ARGV[1] then
    if not held.legacy and tonumber(held.startedAt) then startedAt = tonumber(held.startedAt) end
  elseif held.legacy or (tonumber(held.expiresAt) or 0) > now then
    return 0
  end
end
write(KEYS[1], ARGV[1], startedAt, now, tonumber(ARGV[3]), tonumber(ARGV[4]))
return 1`;

/** Renew the lease if this job still holds it (nobody took it over, nobody cleared it by hand): 1, else 0. */
export const RENEW = `${READ}
local held = read(redis.call('GET', KEYS[1]))
if not held or held.legacy or held.jobId ~= ARGV[1] then return 0 end
write(KEYS[1], ARGV[1], tonumber(held.startedAt) or tonumber(ARGV[2]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))
return 1`;

/** Release: only the job's own lease. */
export const RELEASE = `${READ}
local held = read(redis.call('GET', KEYS[1]))
if held and held.jobId == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Clear by hand: ARGV now, margin, force. Returns {outcome, raw}: 'none'
 * (no lease), 'renewing' (its holder renewed it within its interval and
 * the margin, and force is not set: left alone), 'cleared'.
 */
export const CLEAR = `${READ}
local raw = redis.call('GET', KEYS[1])
local held = read(raw)
if not held then return {'none', false} end
local now = tonumber(ARGV[1])
if ARGV[3] ~= '1' and not held.legacy then
  local renewed = tonumber(held.renewedAt)
  local every = tonumber(held.renewMs)
  if renewed and every and (tonumber(held.expiresAt) or 0) > now and now - renewed < every + tonumber(ARGV[2]) then return {'renewing', raw} end
end
redis.call('DEL', KEYS[1])
return {'cleared', raw}`;

export type ClearOutcome = { outcome: 'none' } | { outcome: 'renewing' | 'cleared'; lease: RunLease };
