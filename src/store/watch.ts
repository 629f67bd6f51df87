/**
 * Following store changes from another process: every upsert/remove
 * publishes the stream names it touched. A subscriber connection cannot run
 * other commands, so the caller hands in a dedicated one.
 */
import type { Redis } from 'ioredis';
import { keys, parseStreamName } from './keys.js';
import type { Stream } from './types.js';

export interface ChangeListener {
  onChange(streams: Stream[]): void;
  /** After a reconnect messages may have been missed: forget everything derived. */
  onReset(): void;
}

export async function watchChanges(subscriber: Redis, prefix: string, listener: ChangeListener): Promise<() => Promise<void>> {
  const channel = keys(prefix).changes;
  let connectedOnce = false;
  const onMessage = (ch: string, message: string): void => {
    if (ch !== channel) return;
    let names: unknown;
    try {
      names = JSON.parse(message);
    } catch {
      listener.onReset();
      return;
    }
    if (!Array.isArray(names)) return listener.onReset();
    const streams = names.flatMap((n) => (typeof n === 'string' ? [parseStreamName(n)] : [])).filter((s): s is Stream => s !== null);
    listener.onChange(streams);
  };
  const onReady = (): void => {
    if (connectedOnce) listener.onReset();
    connectedOnce = true;
  };
  subscriber.on('message', onMessage);
  subscriber.on('ready', onReady);
  await subscriber.subscribe(channel);
  connectedOnce = true;
  return async () => {
    subscriber.off('message', onMessage);
    subscriber.off('ready', onReady);
    await subscriber.unsubscribe(channel);
  };
}
