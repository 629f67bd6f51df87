/** A running role (serve, worker, scheduler): stopped gracefully within a deadline. */
export interface RoleHandle {
  readonly name: string;
  stop(deadlineMs: number): Promise<void>;
}
