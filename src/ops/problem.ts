/** RFC 9457 problem details for the ops API: every error it answers, never cached. */
import { BantinError, InputError } from '../core/errors.js';
import { UnknownIdError } from './service.js';

export function problem(status: number, title: string, detail: string, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** The answer for a typed error the service threw; null for anything else (a 500, logged by the app). */
export function problemFor(error: unknown): Response | null {
  if (!(error instanceof BantinError)) return null;
  switch (error.kind) {
    case 'input': {
      const e = error as InputError;
      return problem(400, 'Bad Request', e.message, {}, { param: e.param, 'invalid-params': [{ name: e.param, reason: e.problem }] });
    }
    case 'unknown-id':
      return problem(404, 'Not Found', (error as UnknownIdError).message);
    case 'store-unavailable':
      return problem(503, 'Service Unavailable', 'Redis is unavailable; try again shortly', { 'retry-after': '10' });
    default:
      return null;
  }
}
