/**
 * src/queue/bullmq.ts requires BullMQ's classes from the files that define them: they must be the very
 * classes the package's own entry gives (Bull Board and BullMQ itself check `instanceof` across them),
 * which a BullMQ release that moves its files would break here first.
 */
import * as bullmq from 'bullmq';
import { describe, expect, it } from 'vitest';
import { Queue, UnrecoverableError, WaitingChildrenError, WaitingError, Worker } from '../../src/queue/bullmq.js';

describe("bantin's BullMQ classes", () => {
  it('are the classes the package exports', () => {
    expect(Queue).toBe(bullmq.Queue);
    expect(Worker).toBe(bullmq.Worker);
    expect(UnrecoverableError).toBe(bullmq.UnrecoverableError);
    expect(WaitingChildrenError).toBe(bullmq.WaitingChildrenError);
    expect(WaitingError).toBe(bullmq.WaitingError);
  });
});
