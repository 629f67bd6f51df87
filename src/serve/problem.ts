/** RFC 9457 problem details: every error response, never cacheable. */
import type { Logger } from '../core/log.js';
import { StoreUnavailableError } from '../store/index.js';
export interface Problem {
  status: number;
  title: string;
  detail: string;
  /** The query parameter at fault, when there is one, and what is wrong with it. */
  param?: string;
  reason?: string;
}

const ERROR_HEADERS = {
  'content-type': 'application/problem+json; charset=utf-8',
  'cache-control': 'no-store',
  'access-control-allow-origin': '*',
};

export function problemResponse(p: Problem, extra: Record<string, string> = {}): Response {
  const body: Record<string, unknown> = { type: 'about:blank', title: p.title, status: p.status, detail: p.detail };
  if (p.param) {
    body.param = p.param;
    body['invalid-params'] = [{ name: p.param, reason: p.reason ?? p.detail }];
  }
  return new Response(JSON.stringify(body), { status: p.status, headers: { ...ERROR_HEADERS, ...extra } });
}

export const notFound = (detail: string): Problem => ({ status: 404, title: 'Not Found', detail });
/** Redis is away: clients should come back shortly, not give up. */
export const STORE_RETRY_AFTER_SECONDS = 10;
/** The answer to an error a handler threw, logged once: 503 when Redis is away, 500 for anything else. */
export function errorResponse(error: unknown, log: Logger): Response {
  if (error instanceof StoreUnavailableError) {
    log.error({ err: error }, 'request failed: store unavailable');
    return storeUnavailable();
  }
  log.error({ err: error }, 'request failed');
  return problemResponse({ status: 500, title: 'Internal Server Error', detail: 'the request failed; see the server log' });
}

export function storeUnavailable(): Response {
  return problemResponse(
    { status: 503, title: 'Service Unavailable', detail: 'the article store is unavailable; try again shortly' },
    { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) },
  );
}
export const badParam = (param: string, reason: string): Problem => ({ status: 400, title: 'Bad Request', detail: `${param}: ${reason}`, param, reason });
