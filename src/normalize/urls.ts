/** Making body URLs absolute and safe. */
import { absoluteHttpUrl } from '../core/url.js';
import { dropTrackingParams } from './tracking.js';


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
