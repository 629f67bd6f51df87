/**
 * Process settings from the environment: one table, each with its default
 * and its validator, read once by the entry point and passed down.
 */
import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { cronProblem } from './cron.js';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((v) => v === '1' || v === 'true');

const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? null : v))
  .pipe(z.url().nullable());

const RETENTION_DAYS_PROBLEM = 'must be a whole number of days from 1 to 36500, or unset to keep articles forever';

/** `host:port`, the way Redis Cluster nodes are named. */
const clusterNode = z
  .string()
  .regex(/^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'must be host:port')
  .transform((v) => {
    const at = v.lastIndexOf(':');
    return { host: v.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(v.slice(at + 1)) };
  })
  .pipe(z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65535) }));

export type ClusterNodeAddress = z.output<typeof clusterNode>;

export const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /** Unset: `bantin start` runs its own redis-server under BANTIN_DATA_DIR. */
  REDIS_URL: optionalUrl,
  /**
   * A Redis Cluster instead of one Redis: some of its nodes, `host:port,host:port,...` (the client finds the rest).
   * Set this or REDIS_URL, not both.
   */
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? null : v.split(',').map((n) => n.trim())))
    .pipe(z.array(clusterNode).min(1).nullable()),
  /** Every key bantin writes starts with this. */
  BANTIN_REDIS_PREFIX: z.string().regex(/^[a-z0-9:_-]+$/).default('bantin'),
  BANTIN_DATA_DIR: z.string().default('data'),
  BANTIN_CONFIG: z.string().default('config'),
  BANTIN_FEEDS: z.string().default('feeds'),
  /** The public origin feeds are served from; self links are built from the request when unset. */
  BANTIN_PUBLIC_URL: optionalUrl,
  /** Sent in the crawler's User-Agent so site operators can reach us. */
  BANTIN_CONTACT_URL: z.url().default('https://github.com/bantin/bantin'),
  BANTIN_ADMIN_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v ? v : null)),
  BANTIN_ALLOW_PRIVATE_NETWORKS: flag,
  WEBSUB_HUB_URL: optionalUrl,
  /** Own hub (no WEBSUB_HUB_URL): the lease a subscriber gets when it asks for none, and the bounds any request is clamped to (seconds). */
  WEBSUB_LEASE_DEFAULT_S: z.coerce.number().int().min(1).default(10 * 24 * 3600),
  WEBSUB_LEASE_MIN_S: z.coerce.number().int().min(1).default(3600),
  WEBSUB_LEASE_MAX_S: z.coerce.number().int().min(1).default(30 * 24 * 3600),
  /** Own hub: how long one verification or delivery request to a callback may take, all of it. */
  WEBSUB_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Own hub: attempts per delivery (the first included), exponential backoff from WEBSUB_RETRY_BASE_MS; then the subscription ends. */
  WEBSUB_DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(8),
  WEBSUB_RETRY_BASE_MS: z.coerce.number().int().min(10).default(5000),
  /** Own hub: verification and delivery requests one worker process has in flight at once. */
  WEBSUB_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** Worker or scheduler processes without the server expose /metrics on this port when set. */
  METRICS_PORT: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : Number(v)))
    .pipe(z.number().int().min(0).max(65535).nullable()),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /**
   * How far V8 lets the heap grow past what the last full GC kept, in percent, in a process running a worker
   * (V8's --heap-growing-percent). A worker allocates fast and keeps little: V8's own choice lets it grow to
   * about three times its live heap before collecting; 50 holds the peak near 1.5 times for the same GC time.
   * 0 leaves V8's own heuristic.
   */
  WORKER_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(400).default(50),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** A job whose worker stops renewing its lock this long is retried by another worker (BullMQ's default). */
  QUEUE_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** A source's run lock lapses this long after its holder last renewed it (a dead holder's is gone within it). */
  RUN_LOCK_TTL_MS: z.coerce.number().int().min(1000).max(24 * 3600_000).default(60_000),
  /** How often the process working on a run renews its lock. */
  RUN_LOCK_RENEW_MS: z.coerce.number().int().min(100).default(15_000),
  /** The serve role's render cache holds at most this many MiB of rendered bodies (all encodings), least recently used out first. */
  RENDER_CACHE_MAX_MB: z.coerce.number().int().min(1).max(64 * 1024).default(256),
  /** Articles older than this many days (from publication) are trimmed or dropped; unset: kept forever. A source's `retention:` wins. */
  BANTIN_RETENTION_DAYS: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : Number(v)))
    .pipe(z.number({ error: RETENTION_DAYS_PROBLEM }).int(RETENTION_DAYS_PROBLEM).min(1, RETENTION_DAYS_PROBLEM).max(36_500, RETENTION_DAYS_PROBLEM).nullable()),
  /** What retention does to an article past BANTIN_RETENTION_DAYS: `trim` keeps metadata, lead and link; `drop` removes it. */
  BANTIN_RETENTION_MODE: z.enum(['trim', 'drop'], { error: 'must be trim or drop' }).default('trim'),
  /**
   * A scheduler starting crawls at once each source that never ran and has no article stored (roles/first-start.ts),
   * so a new install shows articles within a minute. 0 leaves every source to its cron (the test suite does, so
   * the shipped sources' real sites are never fetched).
   */
  BANTIN_FIRST_CRAWL: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('1')
    .transform((v) => v !== '0' && v !== 'false'),
  /** When the scheduler prunes (once per slot across schedulers), in Asia/Ho_Chi_Minh time. */
  BANTIN_RETENTION_CRON: z
    .string()
    .default('17 3 * * *')
    .superRefine((expr, ctx) => {
      const problem = cronProblem(expr);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: `"${expr}" ${problem}` });
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})
  .refine((s) => s.REDIS_URL === null || s.REDIS_CLUSTER_NODES === null, {
    path: ['REDIS_CLUSTER_NODES'],
    message: 'set either REDIS_URL (one Redis) or REDIS_CLUSTER_NODES (a Redis Cluster), not both',
  })
  // One late renewal must not lose a live holder its lock.
  .refine((s) => s.RUN_LOCK_TTL_MS >= 2 * s.RUN_LOCK_RENEW_MS, {
    path: ['RUN_LOCK_TTL_MS'],
    message: 'must be at least twice RUN_LOCK_RENEW_MS, so one late renewal does not lose a live run its lock',
  })
  .refine((s) => s.WEBSUB_LEASE_MIN_S <= s.WEBSUB_LEASE_DEFAULT_S && s.WEBSUB_LEASE_DEFAULT_S <= s.WEBSUB_LEASE_MAX_S, {
    path: ['WEBSUB_LEASE_DEFAULT_S'],
    message: 'must lie between WEBSUB_LEASE_MIN_S and WEBSUB_LEASE_MAX_S',
  });

export type Settings = z.infer<typeof settingsSchema>;

/** The run lock's lease, as the runners take it. */
export function leaseTimes(settings: Pick<Settings, 'RUN_LOCK_TTL_MS' | 'RUN_LOCK_RENEW_MS'>): { ttlMs: number; renewMs: number } {
  return { ttlMs: settings.RUN_LOCK_TTL_MS, renewMs: settings.RUN_LOCK_RENEW_MS };
}

export function readSettings(env: Record<string, string | undefined>): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      'environment',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  }
  return parsed.data;
}
