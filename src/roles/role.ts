/** A running role (serve, worker, scheduler): stopped gracefully within a deadline. */
export interface RoleHandle {
  readonly name: string;
  stop(deadlineMs: number): Promise<void>;
}

/** Resolves with the promise's value, or with `fallback` once `ms` have passed. */
export function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
