import { BantinError } from '../core/errors.js';

/** Redis failed under a store call (down, restarting, timing out): worth a retry, never a reason to drop data. */
export class StoreUnavailableError extends BantinError {
  readonly kind = 'store-unavailable';
}

type AsyncMethods<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

/**
 * The same store, its every method's Redis failures turned into
 * StoreUnavailableError, so callers (crawl, serve, ops) tell "Redis is away"
 * from a bad record or a bug by type. Typed errors pass through as they are.
 */
export function guarded<T extends AsyncMethods<T>>(storeName: string, store: T): T {
  const out: Partial<Record<keyof T, unknown>> = {};
  for (const name of Object.keys(store) as (keyof T & string)[]) {
    const method = store[name];
    out[name] = async (...args: never[]): Promise<unknown> => {
      try {
        return await method(...args);
      } catch (error) {
        if (error instanceof BantinError) throw error;
        throw new StoreUnavailableError(`${storeName} ${name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    };
  }
  return out as T;
}
