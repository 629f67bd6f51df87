/**
 * Shared setup of the fetch tests: a private redis-server, a fixture site on
 * 127.0.0.1, a ManualClock, and a sleep that records what it was asked to
 * wait instead of waiting.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RedisClient } from '../../src/redis/client.js';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import { createFetcher, type Fetcher, type FetcherDeps, FetchError, type FailureClass } from '../../src/fetch/index.js';
import { startFixtureSite, type FixtureSite } from '../support/fixture-site.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'discover');
export const START_MS = Date.parse('2026-03-02T08:00:00+07:00');

export interface Harness {
  redis: TestRedis;
  client: RedisClient;
  site: FixtureSite;
  clock: ManualClock;
  /** Every wait the fetchers asked for, in order. */
  waits: number[];
  fetcher(overrides?: Partial<FetcherDeps>): Fetcher;
  /** Requests the site saw, robots.txt left out. */
  pageRequests(): FixtureSite['requests'];
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const redis = await startTestRedis();
  const client = redis.client();
  const site = await startFixtureSite(FIXTURES);
  const clock = new ManualClock(START_MS);
  const waits: number[] = [];
  const fetchers: Fetcher[] = [];
  return {
    redis,
    client,
    site,
    clock,
    waits,
    fetcher(overrides = {}) {
      const f = createFetcher({
        redis: client,
        prefix: 'bt',
        clock,
        log: silentLogger(),
        userAgent: 'bantin/0.1.0 (+https://example.org/bantin)',
        allowPrivateNetworks: true,
        politeness: () => ({ minIntervalMs: 0, concurrency: 8 }),
        timeouts: { connectMs: 2_000, totalMs: 5_000 },
        sleep: async (ms) => {
          waits.push(ms);
        },
        random: () => 0.5,
        ...overrides,
      });
      fetchers.push(f);
      return f;
    },
    pageRequests: () => site.requests.filter((r) => r.path !== '/robots.txt'),
    async reset() {
      site.reset();
      waits.length = 0;
      clock.set(START_MS);
      await redis.flush();
    },
    async stop() {
      await Promise.all(fetchers.map((f) => f.close()));
      await site.close();
      await redis.stop();
    },
  };
}

/** The failure class a promise rejects with; fails the test when it resolves or throws something untyped. */
export async function failureOf(p: Promise<unknown>): Promise<FailureClass> {
  try {
    await p;
  } catch (error) {
    if (error instanceof FetchError) return error.failure;
    throw error;
  }
  throw new Error('expected the fetch to fail');
}
