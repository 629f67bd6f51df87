import { BantinError } from '../core/errors.js';

/**
 * Why a site could not be onboarded at all. A field without a stable
 * selector is no error (the source then relies on the generic extraction);
 * these are the cases where no working source can be written.
 */
export type OnboardFailure = 'unreachable' | 'no-articles' | 'invalid-draft' | 'exists';

export class OnboardError extends BantinError {
  readonly kind = 'onboard';

  constructor(
    readonly failure: OnboardFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
