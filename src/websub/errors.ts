import { BantinError } from '../core/errors.js';

/** Why a request to a subscriber's callback did not succeed: what metrics count and retries decide on. */
export type CallbackFailure = 'blocked-address' | 'timeout' | 'unreachable' | 'status' | 'challenge' | 'invalid-url';

/** A verification or delivery request to a callback that did not succeed. */
export class CallbackError extends BantinError {
  readonly kind = 'websub-callback';

  constructor(
    readonly failure: CallbackFailure,
    readonly callback: string,
    message: string,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(`${callback}: ${failure}: ${message}`, options);
  }
}

/** Worth another attempt later: the same request may well succeed. */
export function isRetryableCallback(error: CallbackError): boolean {
  if (error.failure === 'timeout' || error.failure === 'unreachable') return true;
  return error.failure === 'status' && (error.status === null || error.status >= 500 || error.status === 429 || error.status === 408);
}
