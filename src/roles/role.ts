/**
 * A running role (serve, worker, scheduler): stopped gracefully within a
 * deadline. What a role had to give up once the deadline passed (jobs still
 * running, open connections) it returns, so the process can say so in one
 * line and exit 1.
 */
export interface Abandoned {
  /** What was given up, as the shutdown line says it: "2 in-flight jobs", "3 open HTTP connections". */
  readonly what: string;
  /** Which ones, when they have names (job ids, connection purposes). */
  readonly ids?: readonly string[];
}

export interface RoleHandle {
  readonly name: string;
  /** Resolves within `deadlineMs` plus ABANDON_GRACE_MS (shutdown.ts) with what it abandoned; empty (or nothing) when nothing was. */
  stop(deadlineMs: number): Promise<Abandoned[] | void>;
}
