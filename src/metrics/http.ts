/**
 * `GET /metrics` as a Hono sub-app. The caller decides the guard: the
 * server role puts it behind the admin token when one is set, and leaves
 * it open otherwise (scrapers are then fenced at the network level, as
 * the README says).
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { Metrics } from './metrics.js';

export function createMetricsApp(deps: { metrics: Metrics; guard?: MiddlewareHandler }): Hono {
  const app = new Hono();
  if (deps.guard) app.use('*', deps.guard);
  app.get('/', async (c) => c.body(await deps.metrics.text(), 200, { 'content-type': deps.metrics.contentType, 'cache-control': 'no-store' }));
  return app;
}

type FetchHandler = (request: Request) => Response | Promise<Response>;

const FORMAT_BY_TYPE: [RegExp, string][] = [
  [/rss\+xml|text\/xml/, 'rss'],
  [/atom\+xml/, 'atom'],
  [/feed\+json/, 'json'],
  [/text\/html/, 'html'],
];

/** `rss`, `atom`, `json`... from the path's extension, else from what was answered. */
export function feedFormat(pathname: string, contentType: string | null): string {
  const ext = /\.(rss|atom|json|xml|html)$/.exec(pathname)?.[1];
  if (ext !== undefined) return ext === 'xml' ? 'rss' : ext;
  for (const [pattern, format] of FORMAT_BY_TYPE) if (contentType !== null && pattern.test(contentType)) return format;
  return 'other';
}

/**
 * Counts feed requests by format and status around an app's fetch, so the
 * serve stage need not know about metrics. `feedPrefixes` are the feed
 * paths (`/feeds/`, `/topics/`, `/sources/`).
 */
export function countFeedRequests(fetch: FetchHandler, metrics: Metrics, feedPrefixes: readonly string[]): FetchHandler {
  return async (request) => {
    const response = await fetch(request);
    const { pathname } = new URL(request.url);
    if (feedPrefixes.some((p) => pathname.startsWith(p))) {
      metrics.feedRequest(feedFormat(pathname, response.headers.get('content-type')), response.status);
    }
    return response;
  };
}
