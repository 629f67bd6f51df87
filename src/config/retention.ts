/**
 * Which retention applies to a source: its own `retention:` when its YAML
 * has one (`days: null` keeps it forever even when a global one is set),
 * else BANTIN_RETENTION_DAYS with BANTIN_RETENTION_MODE; null keeps forever.
 */
import type { Settings } from './settings.js';
import type { RetentionMode, SourceConfig } from './source-schema.js';

export interface RetentionPolicy {
  days: number;
  mode: RetentionMode;
}

export function retentionPolicy(
  source: Pick<SourceConfig, 'retention'>,
  settings: Pick<Settings, 'BANTIN_RETENTION_DAYS' | 'BANTIN_RETENTION_MODE'>,
): RetentionPolicy | null {
  if (source.retention !== undefined) return source.retention.days === null ? null : { days: source.retention.days, mode: source.retention.mode };
  if (settings.BANTIN_RETENTION_DAYS === null) return null;
  return { days: settings.BANTIN_RETENTION_DAYS, mode: settings.BANTIN_RETENTION_MODE };
}

/** The publication time (epoch ms) at and before which an article is past its retention at `nowMs`. */
export function retentionCutoffMs(policy: RetentionPolicy, nowMs: number): number {
  return nowMs - policy.days * 86_400_000;
}

/**
 * What the next prune would do to an article published at `publishedMs`, null when it is not past retention.
 * The crawler asks before storing an article the store does not hold: one to drop is not stored (a listing or
 * sitemap still showing a dropped URL), one to trim is stored trimmed.
 */
export function retentionDue(
  source: Pick<SourceConfig, 'retention'>,
  settings: Pick<Settings, 'BANTIN_RETENTION_DAYS' | 'BANTIN_RETENTION_MODE'>,
  publishedMs: number,
  nowMs: number,
): RetentionMode | null {
  const policy = retentionPolicy(source, settings);
  return policy !== null && publishedMs <= retentionCutoffMs(policy, nowMs) ? policy.mode : null;
}
