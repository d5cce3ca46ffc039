import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Starts again on the same port and data folder (AOF is replayed). */
  restart(): Promise<void>;
  /** Stops and removes the data folder. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPing(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
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
      await client.ping();
      client.disconnect();
      return;
    } catch {
      client.disconnect();
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** How often Redis fsyncs its append-only file: before answering (`always`), or once a second. */
export type AppendFsync = 'always' | 'everysec';

/**
 * Starts a private `redis-server` on a free port in a temp folder, by default with AOF
 * `appendfsync always` as production runs it (`aof: false`: no persistence, like the machine's shared
 * Redis; `appendfsync: 'everysec'` for the weaker setting). Never touches the shared Redis.
 */
export async function startRedisServer(
  opts: { aof?: boolean; appendfsync?: AppendFsync; args?: readonly string[] } = {},
): Promise<RedisServer> {
  const aof = opts.aof ?? true;
  const fsync = opts.appendfsync ?? 'always';
  const dir = mkdtempSync(join(tmpdir(), 'demimas-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(
      'redis-server',
      [
        ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
        ...(aof ? ['--appendonly', 'yes', '--appendfsync', fsync] : ['--appendonly', 'no']),
        ...['--maxmemory-policy', 'noeviction'],
        ...(opts.args ?? []),
      ],
      { stdio: 'ignore' },
    );
    await waitForPing(port);
  };
  const exited = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill(signal);
    });
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    kill: () => exited('SIGKILL'),
    restart: launch,
    async stop() {
      await exited('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
