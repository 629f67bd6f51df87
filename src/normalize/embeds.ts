/**
 * Embedded players we keep. Anything else in an iframe (ads, comment boxes,
 * polls, trackers) is dropped; kept players are sandboxed.
 */
import { absoluteHttpUrl } from '../core/url.js';
import { digitAttrs } from './allowlist.js';
import type { Attrs } from './images.js';

export const EMBED_SANDBOX = 'allow-scripts allow-same-origin allow-presentation';

const PLAYERS: { host: RegExp; path: RegExp }[] = [
  { host: /^(?:www\.|m\.)?youtube\.com$/i, path: /^\/embed\// },
  { host: /^(?:www\.)?youtube-nocookie\.com$/i, path: /^\/embed\// },
  { host: /^player\.vimeo\.com$/i, path: /^\/video\// },
  { host: /^(?:www\.|web\.)?facebook\.com$/i, path: /^\/plugins\/video(?:\.php)?$/ },
  { host: /^(?:www\.)?tiktok\.com$/i, path: /^\/embed\// },
  { host: /^(?:www\.)?dailymotion\.com$/i, path: /^\/embed\// },
  { host: /^geo\.dailymotion\.com$/i, path: /^\/player/ },
];

/** The https URL of an allowlisted video player, or null. */
export function embedSource(src: string, pageUrl: string): string | null {
  const u = absoluteHttpUrl(src, pageUrl);
  if (!u) return null;
  if (!PLAYERS.some((p) => p.host.test(u.hostname) && p.path.test(u.pathname))) return null;
  u.protocol = 'https:';
  return u.href;
}

/** The attributes of the output <iframe> for an allowlisted player, always sandboxed; null for anything else. */
export function embedAttrs(attrs: Attrs, pageUrl: string): [string, string][] | null {
  const src = attrs.src === undefined ? null : embedSource(attrs.src, pageUrl);
  if (src === null) return null;
  const out: [string, string][] = [['src', src], ...digitAttrs(attrs, ['width', 'height'])];
  if ('allowfullscreen' in attrs) out.push(['allowfullscreen', '']);
  out.push(['sandbox', EMBED_SANDBOX]);
  return out;
}
