/**
 * REDIS_CLUSTER_NODES as an operator writes it: a host:port list, read into
 * nodes; anything else, or set together with REDIS_URL, refused with the
 * setting named.
 */
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../src/config/index.js';
import { ConfigError } from '../../src/core/errors.js';

const problems = (env: Record<string, string>): string[] => {
  try {
    readSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
};

describe('REDIS_CLUSTER_NODES', () => {
  it('reads a host:port list, spaces and IPv6 brackets allowed', () => {
    expect(readSettings({ REDIS_CLUSTER_NODES: 'redis-1:6379, 10.0.0.2:7000,[::1]:7001' }).REDIS_CLUSTER_NODES).toEqual([
      { host: 'redis-1', port: 6379 },
      { host: '10.0.0.2', port: 7000 },
      { host: '::1', port: 7001 },
    ]);
  });

  it('is unset by default, and so is empty', () => {
    expect(readSettings({}).REDIS_CLUSTER_NODES).toBeNull();
    expect(readSettings({ REDIS_CLUSTER_NODES: '' }).REDIS_CLUSTER_NODES).toBeNull();
  });

  it('refuses a node without a port, or a port out of range, naming the setting', () => {
    expect(problems({ REDIS_CLUSTER_NODES: 'redis-1' })).toEqual(['REDIS_CLUSTER_NODES.0: must be host:port']);
    expect(problems({ REDIS_CLUSTER_NODES: 'a:1,b:70000' })[0]).toMatch(/^REDIS_CLUSTER_NODES\.1/);
  });

  it('refuses REDIS_URL and REDIS_CLUSTER_NODES together', () => {
    expect(problems({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CLUSTER_NODES: '127.0.0.1:7000' })).toEqual([
      'REDIS_CLUSTER_NODES: set either REDIS_URL (one Redis) or REDIS_CLUSTER_NODES (a Redis Cluster), not both',
    ]);
  });
});
