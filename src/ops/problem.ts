/** RFC 9457 problem details for the ops API: the same shape and headers as every other error the server answers. */
import { BantinError, InputError } from '../core/errors.js';
import { badParam, notFound, problemResponse, storeUnavailable, type Problem } from '../serve/problem.js';
import { UnknownIdError } from './service.js';
import type { LockHeldError } from './unlock.js';

export function problem(status: number, title: string, detail: string, headers: Record<string, string> = {}): Response {
  return problemResponse({ status, title, detail } satisfies Problem, headers);
}

/** The answer for a typed error the service threw; null for anything else (a 500, logged by the app). */
export function problemFor(error: unknown): Response | null {
  if (!(error instanceof BantinError)) return null;
  switch (error.kind) {
    case 'input': {
      const e = error as InputError;
      return problemResponse(badParam(e.param, e.problem));
    }
    case 'unknown-id':
      return problemResponse(notFound((error as UnknownIdError).message));
    case 'store-unavailable':
      return storeUnavailable();
    case 'lock-held':
      return problem(409, 'Conflict', `${(error as LockHeldError).message}; ?force=true clears it anyway`);
    default:
      return null;
  }
}
