/**
 * State-changing admin requests (POST, PUT, PATCH, DELETE) must come from
 * the admin surface's own origin. A browser says where a request comes
 * from (`Origin`, `Sec-Fetch-Site`); a page on another site that makes the
 * browser send an operator's cached credentials is refused with 403, so
 * it can neither pause a source nor enqueue a crawl. Requests that say
 * nothing (curl, scripts, the CLI) are not browsers and pass on to the
 * token check.
 */
import type { MiddlewareHandler } from 'hono';
import { problem } from './problem.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const originOf = (url: string): string | null => {
  try {
    const { origin } = new URL(url);
    // Opaque origins (`null`, file:, data:) are nobody's own.
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
};

/** Why a request is cross-site, or null. `publicUrl` (BANTIN_PUBLIC_URL) is an own origin too, for a proxy in front. */
export function crossOrigin(request: { method: string; url: string; origin?: string; fetchSite?: string }, publicUrl: string | null): string | null {
  if (SAFE.has(request.method.toUpperCase())) return null;
  if (request.fetchSite?.trim().toLowerCase() === 'cross-site') return 'the browser says it comes from another site (Sec-Fetch-Site: cross-site)';
  if (request.origin === undefined) return null;
  const own = [originOf(request.url), publicUrl === null ? null : originOf(publicUrl)].filter((o): o is string => o !== null);
  const from = originOf(request.origin.trim());
  if (from !== null && own.includes(from)) return null;
  return `it comes from another origin (Origin: ${request.origin.slice(0, 200)})`;
}

export function sameOriginWrites(publicUrl: string | null): MiddlewareHandler {
  return async (c, next) => {
    const why = crossOrigin({ method: c.req.method, url: c.req.url, origin: c.req.header('origin'), fetchSite: c.req.header('sec-fetch-site') }, publicUrl);
    if (why !== null) return problem(403, 'Forbidden', `a state-changing admin request is refused: ${why}`);
    await next();
  };
}
