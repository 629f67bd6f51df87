/**
 * `ref` as an absolute http(s) URL, resolved against `base` when given; null
 * for anything else (javascript:, data:, mailto:, file:, junk). A
 * protocol-relative `//host/...` gets https, whatever the page came over.
 * One rule for extraction, normalization and identity.
 */
export function absoluteHttpUrl(ref: string, base?: string): URL | null {
  const r = ref.trim();
  if (r === '') return null;
  try {
    const u = new URL(r.startsWith('//') ? `https:${r}` : r, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}
