/**
 * Article identity. The AMP page, the print page, the mobile host and the
 * desktop page of one article must collapse to one canonical URL and so one
 * id, or every feed would list the story several times.
 */
import { createHash } from 'node:crypto';
import { getDomain } from 'tldts';
import { dropTrackingParams } from './tracking.js';
import { absoluteHttpUrl } from '../core/url.js';

// m.example.vn and amp.example.vn serve the same articles as example.vn; www. is dropped too so both spellings unify.
const HOST_PREFIX = /^(?:www\d?|m|mobile|amp)\./;
const AMP_OR_PRINT_QUERY = new Set(['amp', 'print', 'outputtype']);
const AMP_OR_PRINT_VALUE = /^(?:|1|true|amp|print)$/i;

const parseHttp = (url: string): URL | null => absoluteHttpUrl(url);

/**
 * The registrable domain, by the public suffix list (tldts, private suffixes
 * included): `kinhtedothi.vn` for `m.kinhtedothi.vn` and
 * `phapluatxahoi.kinhtedothi.vn`, `x.com.vn` for `a.x.com.vn`, but
 * `a.blogspot.com` stays its own site, since anyone can have one beside it.
 * An IP address or a single-label host is only itself.
 */
export function siteFamily(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  return getDomain(h, { allowPrivateDomains: true }) ?? h;
}

function desktopPath(path: string): string {
  let p = path
    // /amp/slug.html, /print/slug.html
    .replace(/^\/(?:amp|print)(?=\/)/i, '')
    // slug.amp.html, slug.html.amp, slug.print
    .replace(/\.(?:amp|print)(\.html?)$/i, '$1')
    .replace(/(\.html?)\.(?:amp|print)$/i, '$1')
    .replace(/^(.*\/[^/.]+)\.(?:amp|print)$/i, '$1.html')
    // /slug/amp, /slug/amp/
    .replace(/(.)\/(?:amp|print)\/?$/i, '$1');
  if (p === '') p = '/';
  return p;
}

/**
 * Canonical form of an article URL: host lowercased without www./m./amp.,
 * default port, fragment and tracking parameters dropped, AMP and print
 * forms mapped to the desktop URL, remaining query parameters sorted.
 * The scheme is kept: upgrading http to https could name a page that does not exist.
 * A string that is not an http(s) URL is returned trimmed, unchanged.
 */
export function canonicalUrl(url: string): string {
  const u = parseHttp(url.trim());
  if (!u) return url.trim();
  u.hostname = u.hostname.replace(HOST_PREFIX, '');
  u.hash = '';
  u.username = '';
  u.password = '';
  dropTrackingParams(u);
  for (const name of [...u.searchParams.keys()]) {
    if (AMP_OR_PRINT_QUERY.has(name.toLowerCase()) && AMP_OR_PRINT_VALUE.test(u.searchParams.get(name) ?? '')) {
      u.searchParams.delete(name);
    }
  }
  if (u.search !== '') u.searchParams.sort();
  if (u.searchParams.size === 0) u.search = '';
  u.pathname = desktopPath(u.pathname);
  return u.href;
}

/**
 * The URL an article is known by: the page's canonical link when it is on
 * the site it was fetched from or on the source's own `site` (a mirror's
 * pages name the real site), else where we fetched it. A canonical on any
 * other site is refused: it could take over another article's id.
 */
export function chooseCanonical(fetchedUrl: string, pageCanonical: string | null, site: string | null = null): string {
  const fetched = parseHttp(fetchedUrl);
  const claimed = pageCanonical === null ? null : parseHttp(pageCanonical);
  if (fetched && claimed) {
    const family = siteFamily(claimed.hostname);
    if (family === siteFamily(fetched.hostname) || (site !== null && family === siteFamily(site))) return canonicalUrl(claimed.href);
  }
  return canonicalUrl(fetchedUrl);
}

/** 16 lowercase hex characters of sha256 over the canonical URL. */
export function articleId(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
