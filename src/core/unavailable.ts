/**
 * Redis going away, as one typed error whichever stage met it (store,
 * crawl state, the fetcher's robots cache, politeness and validators).
 */
import { BantinError } from './errors.js';

/** Redis failed under a call (down, restarting, timing out): worth a retry, never a reason to drop data. */
export class StoreUnavailableError extends BantinError {
  readonly kind = 'store-unavailable';
}

/** `call`'s Redis failures as StoreUnavailableError; typed errors pass through as they are. */
export async function unlessUnavailable<R>(what: string, call: () => Promise<R>): Promise<R> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof BantinError) throw error;
    throw new StoreUnavailableError(`${what} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

type AsyncMethods<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

/**
 * The same object, its every method's Redis failures turned into
 * StoreUnavailableError, so callers (crawl, serve, ops) tell "Redis is away"
 * from a bad record or a bug by type.
 */
export function guarded<T extends AsyncMethods<T>>(storeName: string, store: T): T {
  const out: Partial<Record<keyof T, unknown>> = {};
  for (const name of Object.keys(store) as (keyof T & string)[]) {
    const method = store[name];
    out[name] = (...args: never[]): Promise<unknown> => unlessUnavailable(`${storeName} ${name}`, () => method(...args));
  }
  return out as T;
}
