import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { HostPort } from '../../src/storage/redis-client.js';
import { freePort, startRedisServer, type RedisServer } from './redis-server.js';

export interface SentinelGroup {
  /** The name the sentinels monitor the primary under (REDIS_SENTINEL_NAME). */
  readonly name: string;
  readonly sentinels: readonly HostPort[];
  /** `host:port,…`, as REDIS_SENTINELS takes it. */
  readonly list: string;
  /** The port of the primary the sentinels name now. */
  primaryPort(): Promise<number>;
  /** SIGKILL of the current primary's process (by its pid); returns its port. */
  killPrimary(): Promise<number>;
  /** Starts a killed server again on its port and folder; the sentinels make it a replica. */
  restart(port: number): Promise<void>;
  /**
   * Waits until the sentinels name a primary other than `not` (a failover happened) that answers
   * writes, and returns its port.
   */
  failedOver(not: number, timeoutMs?: number): Promise<number>;
  /** Waits until the primary has `replicas` replicas online and caught up. */
  synced(replicas?: number, timeoutMs?: number): Promise<void>;
  /** Stops every process (by pid) and removes the folders. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function client(port: number): Redis {
  const c = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  c.on('error', () => undefined);
  return c;
}

async function ask<T>(port: number, what: (c: Redis) => Promise<T>): Promise<T | undefined> {
  const c = client(port);
  try {
    await c.connect();
    return await what(c);
  } catch {
    return undefined;
  } finally {
    c.disconnect();
  }
}

/** A sentinel's config: it rewrites the file as it learns replicas and failovers, so each has its own. */
function sentinelConfig(port: number, dir: string, name: string, primary: number): string {
  return [
    `port ${port}`,
    'bind 127.0.0.1',
    `dir ${dir}`,
    `sentinel monitor ${name} 127.0.0.1 ${primary} 2`,
    // Quick, for a test: a primary is down after 1 s without an answer; failovers may follow each other.
    `sentinel down-after-milliseconds ${name} 1000`,
    `sentinel failover-timeout ${name} 4000`,
    `sentinel parallel-syncs ${name} 1`,
    '',
  ].join('\n');
}

/**
 * A private Sentinel setup on free ports in temp folders: a primary, `replicas` replicas (AOF on, as
 * production runs them) and `count` sentinels (quorum 2), each a `redis-server` process (a sentinel is
 * `redis-server <config> --sentinel`, what Debian's redis-sentinel runs). Never touches the shared Redis.
 */
export async function startSentinelGroup(
  opts: { replicas?: number; sentinels?: number; name?: string } = {},
): Promise<SentinelGroup> {
  const name = opts.name ?? 'mymaster';
  const servers = new Map<number, RedisServer>();
  const sentinelProcs: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'demimas-sentinel-'));
  const sentinelPorts: number[] = [];
  const stop = async () => {
    await Promise.all(
      sentinelProcs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) return resolve();
            p.once('exit', () => resolve());
            p.kill('SIGKILL');
          }),
      ),
    );
    await Promise.all([...servers.values()].map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const primary = await startRedisServer({ appendfsync: 'everysec' });
    servers.set(primary.port, primary);
    for (let i = 0; i < (opts.replicas ?? 1); i++) {
      const replica = await startRedisServer({
        appendfsync: 'everysec',
        args: ['--replicaof', '127.0.0.1', String(primary.port)],
      });
      servers.set(replica.port, replica);
    }
    for (let i = 0; i < (opts.sentinels ?? 3); i++) {
      const port = await freePort();
      const file = join(dir, `sentinel-${port}.conf`);
      writeFileSync(file, sentinelConfig(port, dir, name, primary.port));
      const proc = spawn('redis-server', [file, '--sentinel'], { stdio: 'ignore' });
      sentinelProcs.push(proc);
      sentinelPorts.push(port);
    }
    const primaryPort = async (): Promise<number> => {
      for (let i = 0; i < 200; i++) {
        for (const port of sentinelPorts) {
          const addr = await ask(
            port,
            (c) => c.call('SENTINEL', 'get-master-addr-by-name', name) as Promise<string[]>,
          );
          if (addr?.[1]) return Number(addr[1]);
        }
        await sleep(50);
      }
      throw new Error('no sentinel names a primary');
    };
    const synced = async (replicas = opts.replicas ?? 1, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const info = await ask(await primaryPort(), (c) => c.info('replication'));
        const master = Number(/master_repl_offset:(\d+)/.exec(info ?? '')?.[1] ?? -1);
        const online = [...(info ?? '').matchAll(/^slave\d+:.*state=online,offset=(\d+)/gm)].filter(
          (m) => Number(m[1]) >= master,
        );
        if (/role:master/.test(info ?? '') && online.length >= replicas) return;
        if (Date.now() > deadline) throw new Error(`replicas not in sync: ${info ?? 'no answer'}`);
        await sleep(100);
      }
    };
    await synced();
    // Every sentinel has found the replicas and the other sentinels (a failover needs them).
    for (const port of sentinelPorts) {
      for (let i = 0; ; i++) {
        const m = await ask(port, (c) => c.call('SENTINEL', 'MASTER', name) as Promise<string[]>);
        const field = (k: string) => Number(m?.[m.indexOf(k) + 1] ?? 0);
        if (
          m &&
          field('num-slaves') >= (opts.replicas ?? 1) &&
          field('num-other-sentinels') >= sentinelPorts.length - 1
        )
          break;
        if (i > 300) throw new Error(`sentinel ${port} did not find the others`);
        await sleep(100);
      }
    }
    return {
      name,
      sentinels: sentinelPorts.map((port) => ({ host: '127.0.0.1', port })),
      list: sentinelPorts.map((p) => `127.0.0.1:${p}`).join(','),
      primaryPort,
      async killPrimary() {
        const port = await primaryPort();
        await servers.get(port)?.kill();
        return port;
      },
      async restart(port) {
        await servers.get(port)?.restart();
      },
      async failedOver(not, timeoutMs = 30_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const port = await primaryPort();
          if (port !== not && (await ask(port, (c) => c.set('ha:probe', '1'))) === 'OK') return port;
          if (Date.now() > deadline) throw new Error('no failover');
          await sleep(100);
        }
      },
      synced,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
