/** Query parameters that only say who sent the reader; they never change the page. */
const TRACKING_NAMES = new Set(['fbclid', 'gclid', 'dclid', 'msclkid', 'zarsrc', '_ga', 'mc_cid', 'mc_eid', 'gbraid', 'wbraid', 'igshid']);

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || TRACKING_NAMES.has(n);
}

/** Remove tracking parameters from a parsed URL in place; a query without any is left byte for byte. */
export function dropTrackingParams(url: URL): void {
  if (url.search === '') return;
  const names = [...url.searchParams.keys()].filter(isTrackingParam);
  if (names.length === 0) return;
  for (const name of names) url.searchParams.delete(name);
  if (url.searchParams.size === 0) url.search = '';
}
