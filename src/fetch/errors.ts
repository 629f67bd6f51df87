import { BantinError } from '../core/errors.js';

/**
 * Why a fetch failed. This class, not the message, is what job stats and
 * metrics count, so every failure path of the fetcher ends in exactly one.
 */
export const FAILURE_CLASSES = [
  'timeout',
  'dns',
  'refused',
  'reset',
  'http-4xx',
  'http-5xx',
  'rate-limited',
  'too-large',
  'not-html',
  'robots-denied',
  'blocked-address',
  'parse-error',
  'redirect-loop',
] as const;
export type FailureClass = (typeof FAILURE_CLASSES)[number];

export class FetchError extends BantinError {
  readonly kind = 'fetch';

  constructor(
    readonly failure: FailureClass,
    readonly url: string,
    message: string,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(`${url}: ${failure}: ${message}`, options);
  }
}

/** Failures worth another attempt: the same request may well succeed later. */
export function isRetryable(failure: FailureClass): boolean {
  return failure === 'timeout' || failure === 'refused' || failure === 'reset' || failure === 'http-5xx' || failure === 'rate-limited';
}
