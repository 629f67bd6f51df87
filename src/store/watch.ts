/**
 * Following store changes from another process: every upsert/remove
 * publishes the stream names it touched. A subscriber connection cannot run
 * other commands, so the caller hands in a dedicated one.
 *
 * Plain pub/sub, on a Redis Cluster too (not sharded SPUBLISH): there is one
 * channel, so sharding would put all of it on one shard anyway, and a plain
 * message reaches a subscriber on any node, so ioredis' Cluster keeps one
 * subscriber connection and moves it to another node when its node goes.
 * That move happens inside the client and may miss messages: every node
 * leaving the client's view (`-node`) counts as a reconnect.
 */
import { Cluster } from 'ioredis';
import type { RedisClient } from '../redis/client.js';
import { keys, parseStreamName } from './keys.js';
import type { Stream } from './types.js';

export interface ChangeListener {
  onChange(streams: Stream[]): void;
  /** After a reconnect messages may have been missed: forget everything derived. */
  onReset(): void;
}

/**
 * Stops following. `unsubscribe: false` sends nothing, for a caller about to close the connection, which ends the
 * subscription too: an UNSUBSCRIBE sent as Redis goes away would sit in the client's offline queue, which a
 * reconnecting client then closed never empties, and hold the connection's QUIT until it is cut off.
 */
export type StopWatching = (options?: { unsubscribe?: boolean }) => Promise<void>;

export async function watchChanges(subscriber: RedisClient, prefix: string, listener: ChangeListener): Promise<StopWatching> {
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
  // A cluster's subscriber connection may have been on the node that left: it is moved, messages may be lost.
  // Nodes leaving before the subscription is up are the client's first slot map dropping the replicas.
  const onNodeGone = (): void => {
    if (connectedOnce) listener.onReset();
  };
  subscriber.on('message', onMessage);
  subscriber.on('ready', onReady);
  if (subscriber instanceof Cluster) subscriber.on('-node', onNodeGone);
  await subscriber.subscribe(channel);
  connectedOnce = true;
  return async ({ unsubscribe = true } = {}) => {
    subscriber.off('message', onMessage);
    subscriber.off('ready', onReady);
    subscriber.off('-node', onNodeGone);
    if (unsubscribe) await subscriber.unsubscribe(channel);
  };
}
