import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each test file starts its own redis-server and fixture site; two cores
    // are all we have, so keep the pool small and the timeouts honest.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'suite', include: ['tests/**/*.test.ts'], exclude: ['tests/faults/**'], sequence: { groupOrder: 0 } } },
      // The fault suite kills processes and holds latencies to a bound: it runs after the rest, one file at a
      // time, so no other test file's load is measured as the outage's.
      { extends: true, test: { name: 'faults', include: ['tests/faults/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
