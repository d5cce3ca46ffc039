import type { TestProject } from 'vitest/node';
import { startRedisCluster, type RedisCluster } from './redis-cluster.js';

let cluster: RedisCluster | undefined;

/**
 * A private Redis Cluster for the whole run (vitest.config.ts: one node, which still refuses keys of
 * two slots in one command or script; `npm run test:cluster`: three primaries, CLUSTER_PRIMARIES).
 */
export async function setup(project: TestProject): Promise<void> {
  const primaries = Number(process.env.CLUSTER_PRIMARIES ?? project.config.env.CLUSTER_PRIMARIES ?? 3);
  cluster = await startRedisCluster({ primaries });
  const [first] = cluster.nodes;
  project.provide('redisUrl', `redis://127.0.0.1:${String(first?.port)}`);
  project.provide('redisClusterNodes', cluster.list);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
