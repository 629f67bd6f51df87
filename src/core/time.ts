/**
 * Vietnam has been UTC+07:00 all year since 1975 (no DST), so a fixed offset
 * is exact for every date a news site can publish.
 */
const OFFSET_MS = 7 * 60 * 60 * 1000;

/** Format epoch ms as ISO 8601 in +07:00, seconds precision: `2019-01-18T17:39:00+07:00`. */
export function toVnIso(ms: number): string {
  const shifted = new Date(Math.floor(ms / 1000) * 1000 + OFFSET_MS).toISOString();
  return `${shifted.slice(0, 19)}+07:00`;
}

/** Parse any ISO 8601 string with an offset (as stored in records) to epoch ms. */
export function isoToMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date: ${iso}`);
  return ms;
}
