import type { TestProject } from 'vitest/node';
import { startRedisServer, type RedisServer } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    /** Set when the run is on a Redis Cluster (test/helpers/global-cluster.ts): `host:port,…`. */
    redisClusterNodes?: string;
  }
}

let server: RedisServer | undefined;

/** One private redis-server for the whole run, unless REDIS_URL points at one to use instead. */
export async function setup(project: TestProject): Promise<void> {
  const external = process.env.REDIS_URL;
  if (external) {
    project.provide('redisUrl', external);
    return;
  }
  server = await startRedisServer();
  project.provide('redisUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
