/** A 404 as the client wants it: an HTML page in Vietnamese for a browser, problem+json for everyone else. */
import type { Context } from 'hono';
import type { ServeDeps } from './context.js';
import { prefersHtml } from './negotiate.js';
import { notFound, problemResponse } from './problem.js';
import { renderNotFound } from './site/index.js';

export function missing(c: Context, deps: Pick<ServeDeps, 'site'>, base: string, detail: string): Response {
  if (!prefersHtml(c.req.header('accept'))) return problemResponse(notFound(detail), { vary: 'Accept' });
  return new Response(renderNotFound({ base, assets: deps.site.urls }), {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', vary: 'Accept' },
  });
}
