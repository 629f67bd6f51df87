/**
 * The embedded Redis's supervisor, on a hand-driven clock and timers: a
 * server that dies unasked is started again after a doubling backoff, a
 * run of failed starts makes it unhealthy until one works, and stop() ends
 * the supervision.
 */
import { expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { silentLogger } from '../../src/core/log.js';
import type { RedisServer } from '../../src/redis/server.js';
import { superviseRedis, type Timers } from '../../src/redis/supervisor.js';

interface FakeServer extends RedisServer {
  die(): void;
  stopped: boolean;
}

function fakeServer(pid: number): FakeServer {
  let exit: (v: { code: number | null; signal: NodeJS.Signals | null }) => void = () => undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => (exit = resolve));
  const server: FakeServer = {
    url: 'redis+socket:///tmp/fake.sock',
    pid,
    exited,
    stopped: false,
    die: () => exit({ code: null, signal: 'SIGKILL' }),
    async stop() {
      server.stopped = true;
      exit({ code: 0, signal: null });
      return true;
    },
  };
  return server;
}

/** Timers that fire only when the test says; `pending` is what was asked for, in ms. */
function manualTimers(): Timers & { pending: number[]; fire(): Promise<void> } {
  const queue: { fn: () => void; ms: number; id: number }[] = [];
  let next = 0;
  return {
    setTimeout(fn, ms) {
      const id = ++next;
      queue.push({ fn, ms, id });
      return id;
    },
    clearTimeout(handle) {
      const i = queue.findIndex((t) => t.id === handle);
      if (i >= 0) queue.splice(i, 1);
    },
    get pending() {
      return queue.map((t) => t.ms);
    },
    async fire() {
      const t = queue.shift();
      t?.fn();
      // Let the restart's awaits run.
      for (let i = 0; i < 10; i++) await Promise.resolve();
    },
  };
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

it('restarts a server that died, backing off 250, 500, 1000 ms while it keeps dying, and starts over once it stayed up', async () => {
  const clock = new ManualClock(0);
  const timers = manualTimers();
  const servers: FakeServer[] = [];
  const supervised = await superviseRedis({
    start: async () => {
      const s = fakeServer(100 + servers.length);
      servers.push(s);
      return s;
    },
    log: silentLogger(),
    clock,
    timers,
  });
  expect(supervised.pid()).toBe(100);
  for (const [i, delay] of [250, 500, 1000].entries()) {
    servers.at(-1)?.die();
    await flush();
    expect(supervised.pid()).toBeNull();
    expect(timers.pending).toEqual([delay]);
    await timers.fire();
    expect(supervised.pid()).toBe(101 + i);
    expect(supervised.healthy()).toBe(true);
  }
  // Up for the stable time: the next death starts the backoff over.
  clock.advance(30_000);
  servers.at(-1)?.die();
  await flush();
  expect(timers.pending).toEqual([250]);
});

it('is unhealthy after three failed starts in a row, keeps trying every 10 s, and is healthy again once a start works', async () => {
  const clock = new ManualClock(0);
  const timers = manualTimers();
  let failing = false;
  const servers: FakeServer[] = [];
  const supervised = await superviseRedis({
    start: async () => {
      if (failing) throw new Error('cannot bind');
      const s = fakeServer(servers.length + 1);
      servers.push(s);
      return s;
    },
    log: silentLogger(),
    clock,
    timers,
  });
  failing = true;
  servers[0]?.die();
  await flush();
  await timers.fire();
  await timers.fire();
  expect(supervised.healthy()).toBe(true);
  await timers.fire();
  expect(supervised.healthy()).toBe(false);
  expect(timers.pending).toEqual([10_000]);
  await timers.fire();
  expect(supervised.healthy()).toBe(false);
  failing = false;
  await timers.fire();
  expect(supervised.healthy()).toBe(true);
  expect(supervised.pid()).toBe(2);
});

it('stop() stops the server and restarts nothing', async () => {
  const timers = manualTimers();
  const server = fakeServer(7);
  const supervised = await superviseRedis({ start: async () => server, log: silentLogger(), clock: new ManualClock(0), timers });
  expect(await supervised.stop()).toBe(true);
  expect(server.stopped).toBe(true);
  await flush();
  expect(timers.pending).toEqual([]);
  expect(supervised.pid()).toBeNull();
});
