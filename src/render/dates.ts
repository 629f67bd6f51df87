/**
 * Dates as each format wants them. Records hold ISO 8601 with +07:00; RSS
 * wants RFC 822, which keeps the offset so a Vietnamese reader sees local time.
 */
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const OFFSET_MS = 7 * 60 * 60 * 1000;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `Fri, 18 Jan 2019 17:39:00 +0700`. */
export function rfc822(iso: string): string {
  const local = new Date(Date.parse(iso) + OFFSET_MS);
  return `${DAYS[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(
    local.getUTCHours(),
  )}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} +0700`;
}

/** An empty feed has no newest item; Atom still needs `updated`, and "now" would change every render. */
export const EPOCH_ISO = '1970-01-01T07:00:00+07:00';
