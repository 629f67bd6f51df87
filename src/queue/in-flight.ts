/**
 * The jobs this worker process is running right now, and what became of
 * those a shutdown cut off: returned to the queue (another worker takes them
 * at once) or left active (Redis was away: another worker takes them once
 * their lock lapses, after QUEUE_LOCK_MS). The shutdown line names them.
 */
export interface InFlightJobs {
  /** Runs `work` as job `id`, counted until it settles. */
  track<T>(id: string, work: Promise<T>): Promise<T>;
  /** A cut-off job made it back to the waiting list. */
  returned(id: string): void;
  ids(): string[];
  /** Resolves once no job is running (at once when none is). */
  idle(): Promise<void>;
  /** Of the jobs running at `cut` (ids()), which were returned to the queue and which were left active. */
  outcome(cut: readonly string[]): { returned: string[]; left: string[] };
}

export function createInFlightJobs(): InFlightJobs {
  const running = new Set<string>();
  const back = new Set<string>();
  let waiters: (() => void)[] = [];
  const settle = (id: string): void => {
    running.delete(id);
    if (running.size > 0) return;
    const w = waiters;
    waiters = [];
    for (const resolve of w) resolve();
  };
  return {
    async track(id, work) {
      running.add(id);
      back.delete(id);
      try {
        return await work;
      } finally {
        settle(id);
      }
    },
    returned(id) {
      back.add(id);
    },
    ids: () => [...running],
    idle: () => (running.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    outcome(cut) {
      return { returned: cut.filter((id) => back.has(id)), left: cut.filter((id) => !back.has(id)) };
    },
  };
}
