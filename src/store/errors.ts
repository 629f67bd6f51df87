import { BantinError } from '../core/errors.js';

/** Redis failed under a store call (down, restarting, timing out): worth a retry, never a reason to drop data. */
export class StoreUnavailableError extends BantinError {
  readonly kind = 'store-unavailable';
}
