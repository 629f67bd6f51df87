/**
 * The real address of a body image. Lazy-loading pages put a placeholder in
 * `src` (a data: URI, blank.gif, a 1x1) and the picture in `data-src`,
 * `data-original`, `data-lazy-src` or a `data-srcset`.
 */
import { digitAttrs } from './allowlist.js';
import { normalizeText } from './text.js';
import { cleanImageUrl } from './urls.js';

export type Attrs = Record<string, string | undefined>;

// A data: URI, a file whose whole name says "nothing here yet", or anything called placeholder.
const PLACEHOLDER = /^data:|(?:^|\/)(?:blank|grey|gray|spacer|transparent|pixel|loading|lazy|lazyload|empty|1x1)\.(?:gif|png|svg|jpe?g|webp)(?:[?#]|$)|placeholder/i;
const LAZY_ATTRS = ['data-src', 'data-original', 'data-lazy-src', 'data-lazy', 'data-url', 'data-original-src'];
// Hosts that serve counting pixels, not pictures.
const TRACKER_HOSTS = /(?:^|\.)(?:google-analytics\.com|googletagmanager\.com|doubleclick\.net|scorecardresearch\.com|quantserve\.com|adnxs\.com|facebook\.com|facebook\.net|statcounter\.com|histats\.com|hotjar\.com|mc\.yandex\.ru|bat\.bing\.com|analytics\.tiktok\.com|px\.ads\.linkedin\.com)$/i;
const TRACKER_PATH = /\/(?:pixel|tracking|track|tr|beacon|counter|hit|1x1)\.(?:gif|png|php)$/i;

export function isPlaceholder(src: string): boolean {
  return PLACEHOLDER.test(src.trim());
}

/** The widest candidate of a srcset (`a.jpg 300w, b.jpg 960w` → b.jpg; `2x` beats `1x`). */
export function largestFromSrcset(srcset: string): string | null {
  let best: string | null = null;
  let bestSize = -1;
  for (const part of srcset.split(/,\s+/)) {
    const [url, descriptor] = part.trim().split(/\s+/);
    if (!url) continue;
    const m = descriptor ? /^(\d+(?:\.\d+)?)([wx])$/i.exec(descriptor) : null;
    // w descriptors outrank x: 2x of an unknown width is still smaller than a stated 960w.
    const size = m ? Number(m[1]) * (m[2]!.toLowerCase() === 'x' ? 1 : 1000) : 0;
    if (size > bestSize) {
      best = url;
      bestSize = size;
    }
  }
  return best;
}

function tiny(attrs: Attrs): boolean {
  const w = Number(attrs.width ?? NaN);
  const h = Number(attrs.height ?? NaN);
  if ((w <= 1 && !Number.isNaN(w)) || (h <= 1 && !Number.isNaN(h))) return true;
  const style = attrs.style ?? '';
  return /(?:^|;)\s*(?:width|height)\s*:\s*[01]px/i.test(style);
}

/** Resolve an <img>'s attributes to the picture's absolute URL, or null for placeholders-only and tracking pixels. */
export function imageSource(attrs: Attrs, pageUrl: string): string | null {
  if (tiny(attrs)) return null;
  const candidates: string[] = [];
  const src = attrs.src?.trim() ?? '';
  if (src !== '' && !isPlaceholder(src)) candidates.push(src);
  for (const name of LAZY_ATTRS) {
    const v = attrs[name]?.trim();
    if (v) candidates.push(v);
  }
  for (const name of ['data-srcset', 'data-lazy-srcset', 'srcset']) {
    const v = attrs[name];
    const best = v ? largestFromSrcset(v) : null;
    if (best) candidates.push(best);
  }
  for (const c of candidates) {
    if (isPlaceholder(c)) continue;
    const url = cleanImageUrl(c, pageUrl);
    if (!url) continue;
    const u = new URL(url);
    if (TRACKER_HOSTS.test(u.hostname) || TRACKER_PATH.test(u.pathname)) return null;
    return url;
  }
  return null;
}

/** The attributes of the output <img>: its picture, alt text and plain-number size; null when there is no picture. */
export function imageAttrs(attrs: Attrs, pageUrl: string): [string, string][] | null {
  const src = imageSource(attrs, pageUrl);
  if (src === null) return null;
  return [['src', src], ['alt', normalizeText(attrs.alt ?? '')], ...digitAttrs(attrs, ['width', 'height'])];
}
