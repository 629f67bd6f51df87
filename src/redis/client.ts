/**
 * The one client type every Redis user accepts: a single Redis or a Redis
 * Cluster (ioredis' Cluster client). Most commands read the same on both;
 * what differs is what may go into one pipeline or one script (a cluster
 * wants every key of one command, script or MULTI in one slot), so code
 * that batches across keys asks for the topology first.
 */
import { Cluster, type Redis } from 'ioredis';

export type RedisClient = Redis | Cluster;

/** `single`: one Redis (or one master with replicas); `cluster`: Redis Cluster, keys spread over slots. */
export type Topology = 'single' | 'cluster';

export function topologyOf(client: RedisClient): Topology {
  return client instanceof Cluster ? 'cluster' : 'single';
}

/**
 * The masters holding the data: the cluster's master nodes, or the one Redis. What must look at every key
 * (SCAN for a migration, a consistency check) runs on each; a cluster's node list is ioredis' view after its
 * last slot refresh, empty before it has connected (`connectedMasterNodes` waits for that).
 */
export function masterNodes(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

/** masterNodes once the client has connected: a fresh cluster client knows its nodes only after a first command. */
export async function connectedMasterNodes(client: RedisClient): Promise<Redis[]> {
  if (client instanceof Cluster) await client.ping();
  return masterNodes(client);
}
