/**
 * Making body URLs absolute and safe. Addresses are kept as the page gives
 * them, only resolved: a "cleaned" address may not exist on the site's
 * server (media.kinhtedothi.vn really serves `//2018/...` paths).
 */
import { absoluteHttpUrl } from '../core/url.js';
import { fragmentTarget, outputId } from './fragments.js';
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

/** The attributes of an output <a>: an in-page link (fragments.ts), or a web, mail or phone link; null for anything else. */
export function linkAttrs(href: string, base: string): [string, string][] | null {
  const fragment = fragmentTarget(href);
  if (fragment !== null) return [['href', `#${outputId(fragment)}`]];
  const url = cleanLinkHref(href, base);
  return url === null ? null : [['href', url], ['rel', 'noopener noreferrer']];
}

/** An image URL as published: absolute (a protocol-relative one gets https), path untouched. */
export function cleanImageUrl(src: string, base: string): string | null {
  return absoluteHttpUrl(src, base)?.href ?? null;
}
