/**
 * BullMQ queues and workers re-emit their connections' errors, and a queue
 * with no listener prints them to stderr as bare stack traces, one per
 * reconnect attempt. Here they become one log line per distinct error.
 */
import type { Logger } from '../core/log.js';

interface ErrorEmitter {
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export function logErrors(emitter: ErrorEmitter, log: Logger, what: string): void {
  let last = '';
  emitter.on('error', (err) => {
    if (err.message === last) return;
    last = err.message;
    log.error({ err }, `${what} error`);
  });
}
