/** Backoff between attempts and the reading of Retry-After. */

/** Exponential backoff with jitter: attempt 1 waits about base, attempt 2 about 2×base... never the same instant for all workers. */
export function backoffMs(attempt: number, random: () => number, baseMs = 500, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * `Retry-After` as delay-seconds or an HTTP date, to an absolute time in ms.
 * Null when absent or unreadable.
 */
export function retryAfterUntil(value: string | undefined, nowMs: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return nowMs + Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(date, nowMs);
}
