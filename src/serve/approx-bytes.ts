/**
 * About how many bytes a cached value holds: byte arrays by their length,
 * strings at two bytes a unit, objects, arrays, maps and sets by what they
 * hold plus a slot each. An estimate for a memory bound, erring high.
 */
const SLOT = 16;

export function approxBytes(value: unknown, depth = 0): number {
  if (value === null || value === undefined) return SLOT;
  if (typeof value === 'string') return value.length * 2 + SLOT;
  if (typeof value !== 'object') return SLOT;
  if (ArrayBuffer.isView(value)) return value.byteLength + SLOT * 4;
  // Deeper than any render: counted as a slot, so a cyclic value cannot hang the estimate.
  if (depth > 8) return SLOT;
  let total = SLOT * 4;
  if (value instanceof Map) {
    for (const [k, v] of value) total += approxBytes(k, depth + 1) + approxBytes(v, depth + 1);
    return total;
  }
  if (value instanceof Set || Array.isArray(value)) {
    for (const v of value as Iterable<unknown>) total += approxBytes(v, depth + 1);
    return total;
  }
  for (const [k, v] of Object.entries(value)) total += k.length * 2 + approxBytes(v, depth + 1);
  return total;
}
