import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import type { HostPort } from '../../src/storage/redis-client.js';
import { startRedisServer, type AppendFsync, type RedisServer } from './redis-server.js';

const run = promisify(execFile);

export interface RedisCluster {
  readonly nodes: readonly HostPort[];
  /** `host:port,host:port`, as REDIS_CLUSTER_NODES takes it. */
  readonly list: string;
  /** SIGKILL of every node, as a crash of the machines would (each comes back with its AOF). */
  kill(): Promise<void>;
  /** Starts every node again on its port and folder, and waits until the cluster serves every slot. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function clusterOk(port: number): Promise<boolean> {
  const client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const info = await client.cluster('INFO');
    return /cluster_state:ok/.test(info) && /cluster_slots_ok:16384/.test(info);
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function waitForCluster(servers: readonly RedisServer[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await Promise.all(servers.map((s) => clusterOk(s.port)));
    if (ok.every(Boolean)) return;
    if (Date.now() > deadline) throw new Error('the cluster did not reach cluster_state:ok');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A private Redis Cluster of `primaries` nodes (no replicas) on free ports in temp folders, AOF on as
 * production runs it. One node serves all 16,384 slots by itself: Redis still refuses a command or a
 * script whose keys are in two slots (CROSSSLOT), so it checks the hash tags at the cost of one process.
 * Three or more are joined with `redis-cli --cluster create`. Never touches the shared Redis.
 */
export async function startRedisCluster(
  opts: { primaries?: number; appendfsync?: AppendFsync } = {},
): Promise<RedisCluster> {
  const count = opts.primaries ?? 3;
  if (count === 2) throw new Error('redis-cli --cluster create needs 3 primaries; use 1 or 3+');
  const servers: RedisServer[] = [];
  try {
    for (let i = 0; i < count; i++)
      servers.push(
        await startRedisServer({
          appendfsync: opts.appendfsync ?? 'always',
          args: [
            ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'],
            ...['--cluster-node-timeout', '2000', '--cluster-announce-ip', '127.0.0.1'],
          ],
        }),
      );
    const addresses = servers.map((s) => `127.0.0.1:${s.port}`);
    if (count === 1) {
      const [only] = servers;
      await run('redis-cli', ['-p', String(only?.port), 'CLUSTER', 'ADDSLOTSRANGE', '0', '16383']);
    } else {
      await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-yes']);
    }
    await waitForCluster(servers);
    return {
      nodes: servers.map((s) => ({ host: '127.0.0.1', port: s.port })),
      list: addresses.join(','),
      async kill() {
        await Promise.all(servers.map((s) => s.kill()));
      },
      async restart() {
        await Promise.all(servers.map((s) => s.restart()));
        await waitForCluster(servers);
      },
      async stop() {
        await Promise.all(servers.map((s) => s.stop()));
      },
    };
  } catch (err) {
    await Promise.all(servers.map((s) => s.stop()));
    throw err;
  }
}
