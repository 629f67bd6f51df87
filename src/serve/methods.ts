/**
 * Read-only paths answer every method: GET and HEAD as routed, a CORS
 * preflight (OPTIONS) with 204 and the CORS headers so browser syndicators
 * may send conditional requests, and anything else 405 with `Allow`.
 */
import type { Hono } from 'hono';
import { cors } from 'hono/cors';
import { problemResponse } from './problem.js';

const ALLOW = 'GET, HEAD, OPTIONS';
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];

const preflight = cors({
  origin: '*',
  allowMethods: ['GET', 'HEAD', 'OPTIONS'],
  // What a reader needs to read back from a cross-origin poll: the validators and the hub/self links.
  exposeHeaders: ['ETag', 'Last-Modified', 'Link', 'Retry-After'],
  maxAge: 86_400,
});

export function readOnly(app: Hono, path: string): void {
  app.options(path, preflight);
  app.on(WRITES, path, (c) =>
    problemResponse({ status: 405, title: 'Method Not Allowed', detail: `${c.req.method} is not allowed here; ${ALLOW} are` }, { allow: ALLOW }),
  );
}
