import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each test file starts its own redis-server and fixture site; two cores
    // are all we have, so keep the pool small and the timeouts honest.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // A scheduler started by a test must not crawl the shipped sources' real sites at first start (a test that
    // wants it sets BANTIN_FIRST_CRAWL=1).
    env: { BANTIN_FIRST_CRAWL: '0' },
    projects: [
      // `*.cluster.test.ts`: what only a cluster has (several masters), run by the cluster project alone.
      { extends: true, test: { name: 'suite', include: ['tests/**/*.test.ts'], exclude: ['tests/faults/**', 'tests/**/*.cluster.test.ts'], sequence: { groupOrder: 0 } } },
      // The same crawl end-to-end, serve, ops and store tests again, each file on a six-node Redis Cluster of its
      // own (tests/support/redis.ts reads BANTIN_TEST_TOPOLOGY), after the single-Redis run. Left out: what
      // tests one redis-server's restart, which a cluster has no single server for.
      {
        extends: true,
        test: {
          name: 'cluster',
          include: ['tests/e2e/pipeline.test.ts', 'tests/serve/**/*.test.ts', 'tests/ops/**/*.test.ts', 'tests/store/**/*.test.ts'],
          // `*.single.test.ts`: what only one Redis has (a layout-2 store to ask about, one server to restart).
          exclude: ['tests/serve/redis-away.test.ts', 'tests/**/*.single.test.ts'],
          env: { BANTIN_TEST_TOPOLOGY: 'cluster' },
          sequence: { groupOrder: 1 },
        },
      },
      // The fault suite kills processes and holds latencies to a bound: it runs after the rest, one file at a
      // time, so no other test file's load is measured as the outage's. Its cluster failover test starts its own.
      { extends: true, test: { name: 'faults', include: ['tests/faults/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 2 } } },
    ],
  },
});
