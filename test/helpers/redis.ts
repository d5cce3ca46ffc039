import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { createWorkerRedis, type RedisTarget } from '../../src/storage/redis-client.js';
import { deleteMatching } from '../../src/storage/scan.js';

/**
 * The test run's Redis: a URL, or a Cluster when the run was started on one (vitest.cluster.config.ts
 * provides its nodes as `host:port,host:port`).
 */
export function testTarget(): RedisTarget | string {
  const nodes = inject('redisClusterNodes');
  if (!nodes) return inject('redisUrl');
  return {
    clusterNodes: nodes.split(',').map((n) => {
      const [host = '', port = ''] = n.split(':');
      return { host, port: Number(port) };
    }),
  };
}

/** A client to the test run's Redis and a key prefix of its own; `cleanup` deletes its keys only. */
export function testRedis(): { redis: Redis; prefix: string; cleanup: () => Promise<void> } {
  const target = testTarget();
  // A Cluster client queues commands until it knows the slots (the stores' own clients fail fast instead).
  const redis =
    typeof target === 'string' ? new Redis(target, { maxRetriesPerRequest: 1 }) : createWorkerRedis(target);
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  return {
    redis,
    prefix,
    async cleanup() {
      await deleteMatching(redis, `${prefix}*`, 500);
      redis.disconnect();
    },
  };
}
