/**
 * BullMQ, required rather than imported. Node reads and lexes every CommonJS module an ES module imports,
 * and every module it re-exports, to list its named exports; for BullMQ's index that is nearly all of its
 * ~170 files, read twice and lexed at every role's start: 4.4 MB of the garbage a worker allocates while it
 * boots, the part that makes it touch both halves of its young generation (bench:idle). Required, it is
 * loaded once, as CommonJS loads it; the classes are the same ones `import … from 'bullmq'` gives (tests,
 * Bull Board). The types come from the package as before.
 */
import { createRequire } from 'node:module';
import type * as BullMQ from 'bullmq';

const bullmq = createRequire(import.meta.url)('bullmq') as typeof BullMQ;

export const { Queue, Worker, UnrecoverableError, WaitingChildrenError, WaitingError } = bullmq;
export type Queue = BullMQ.Queue;
export type Worker = BullMQ.Worker;
export type { ConnectionOptions, Job } from 'bullmq';
