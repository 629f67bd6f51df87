/** Making body URLs absolute and safe. */
import { dropTrackingParams } from './tracking.js';

/** Resolve `ref` against `base`; only http(s) results survive (no javascript:, data:, file:). */
export function absoluteHttpUrl(ref: string, base: string): URL | null {
  const r = ref.trim();
  if (r === '') return null;
  try {
    // Protocol-relative URLs get https, whatever the page was fetched over.
    const u = new URL(r.startsWith('//') ? `https:${r}` : r, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** A link as published: absolute, tracking parameters removed. mailto: and tel: links are kept as they are. */
export function cleanLinkHref(href: string, base: string): string | null {
  const h = href.trim();
  if (/^(?:mailto|tel):[^\s<>"]+$/i.test(h)) return h;
  if (h.startsWith('#')) return null;
  const u = absoluteHttpUrl(h, base);
  if (!u) return null;
  dropTrackingParams(u);
  return u.href;
}

/** An image URL as published: absolute, `//` runs in the path (media.kinhtedothi.vn//2018/...) collapsed. */
export function cleanImageUrl(src: string, base: string): string | null {
  const u = absoluteHttpUrl(src, base);
  if (!u) return null;
  u.pathname = u.pathname.replace(/\/{2,}/g, '/');
  return u.href;
}
