/**
 * The BullMQ classes bantin uses, required from the three files that define them rather than imported
 * from the package. Node reads and lexes every CommonJS module an ES module imports, and every module it
 * re-exports, to list its named exports: for BullMQ's index that is nearly all of its ~170 files at every
 * role's start, 4.4 MB of the garbage a worker allocates while it boots. And the index loads what bantin
 * never uses: the PostgreSQL backend, the node-redis, Bun and Valkey GLIDE clients, flows, queue events,
 * relays. Idle worker 2 s after start, medians of 8 alternated starts: 103 → 96–98 MB required from the
 * index, 93–94 MB from these files (bench:idle). BullMQ has no `exports` map, so Node resolves the paths; the
 * classes are the very ones `import … from 'bullmq'` gives (Bull Board, tests), which
 * tests/queue/bullmq.test.ts checks, so an upgrade that moves them fails there. The types come from the
 * package as before.
 */
import { createRequire } from 'node:module';
import type * as BullMQ from 'bullmq';

const require = createRequire(import.meta.url);
const queue = require('bullmq/dist/cjs/classes/queue.js') as Pick<typeof BullMQ, 'Queue'>;
const worker = require('bullmq/dist/cjs/classes/worker.js') as Pick<typeof BullMQ, 'Worker'>;
const errors = require('bullmq/dist/cjs/classes/errors/index.js') as Pick<typeof BullMQ, 'UnrecoverableError' | 'WaitingChildrenError' | 'WaitingError'>;

export const { Queue } = queue;
export const { Worker } = worker;
export const { UnrecoverableError, WaitingChildrenError, WaitingError } = errors;
export type Queue = BullMQ.Queue;
export type Worker = BullMQ.Worker;
export type { ConnectionOptions, Job } from 'bullmq';
