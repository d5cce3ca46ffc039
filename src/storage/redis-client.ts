import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/**
 * Where Redis is (DESIGN §10): one server (`url`), a primary found through Sentinel (`sentinels` and
 * `sentinelName`), or a Cluster (`clusterNodes`, any of its nodes). With Sentinel or Cluster, `url`
 * gives only the user, the password, the database and TLS (`rediss:`); its host is not used.
 */
export interface RedisTarget {
  readonly url?: string;
  readonly sentinels?: readonly HostPort[];
  readonly sentinelName?: string;
  readonly clusterNodes?: readonly HostPort[];
}

export interface RedisClientOptions {
  /** Give up connecting at start-up after this long. */
  readonly connectTimeoutMs?: number;
  /** Connection problems (the client reconnects by itself); without a listener ioredis prints them. */
  readonly onError?: (err: Error) => void;
}

const targetOf = (t: RedisTarget | string): RedisTarget => (typeof t === 'string' ? { url: t } : t);

/** The target for messages: the address(es), never the password. */
export function describeTarget(t: RedisTarget | string): string {
  const target = targetOf(t);
  const list = (nodes: readonly HostPort[]) => nodes.map((n) => `${n.host}:${n.port}`).join(',');
  if (target.clusterNodes) return `the cluster ${list(target.clusterNodes)}`;
  if (target.sentinels)
    return `the primary "${target.sentinelName ?? ''}" of the sentinels ${list(target.sentinels)}`;
  return (target.url ?? '').replace(/\/\/[^@/]*@/, '//***@');
}

/** User, password, database (a Cluster has only 0) and TLS from a `redis://` or `rediss://` URL. */
function credentials(url: string | undefined, withDb = true): RedisOptions {
  if (!url) return {};
  const u = new URL(url);
  const db = /^\/(\d+)$/.exec(u.pathname)?.[1];
  return {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db && withDb ? { db: Number(db) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * After a failover the old primary may come back as a replica while a connection still points at it:
 * a write then fails with READONLY. Reconnecting (and asking Sentinel again) reaches the new primary;
 * `2` also sends the failed command again once connected.
 */
const reconnectOnReadOnly = (err: Error): 2 | false => (err.message.startsWith('READONLY') ? 2 : false);

const backoff = (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2000);

/**
 * The stores are written against ioredis's `Redis`. A `Cluster` has the same command methods (each
 * routed to the node of its key's slot), `defineCommand`, `multi` and `pipeline` (within one slot,
 * which the hash tags of src/storage/keys.ts ensure). Commands without a key (SCAN, INFO, WAIT) go to
 * one node: code that scans uses `scanKeys` (src/storage/scan.ts), which visits every primary.
 */
const asRedis = (cluster: Cluster): Redis => cluster as unknown as Redis;

function build(t: RedisTarget | string, options: RedisOptions, cluster: Partial<ClusterOptions>): Redis {
  const target = targetOf(t);
  const common: RedisOptions = { ...options, reconnectOnError: reconnectOnReadOnly };
  if (target.clusterNodes) {
    return asRedis(
      new Cluster(
        target.clusterNodes.map((n) => ({ host: n.host, port: n.port })),
        {
          ...cluster,
          clusterRetryStrategy: backoff,
          redisOptions: { ...common, ...credentials(target.url, false) },
        },
      ),
    );
  }
  if (target.sentinels) {
    return new Redis({
      ...common,
      ...credentials(target.url),
      sentinels: target.sentinels.map((n) => ({ host: n.host, port: n.port })),
      name: target.sentinelName ?? 'mymaster',
      // Sentinels announce a new primary at once instead of waiting for the old connection to fail.
      failoverDetector: true,
      sentinelRetryStrategy: backoff,
    });
  }
  return new Redis(target.url ?? 'redis://127.0.0.1:6379', common);
}

/**
 * A Redis client that fails fast while disconnected (no offline queue: a user gets "try again" at once
 * instead of waiting) and keeps reconnecting in the background with a capped backoff. `target` is a
 * URL, or a Sentinel group or a Cluster (`RedisTarget`).
 */
export function createRedis(target: RedisTarget | string, opts: RedisClientOptions = {}): Redis {
  const redis = build(
    target,
    {
      lazyConnect: true,
      enableOfflineQueue: false,
      // Commands issued in the same tick (many users at once) go out in one write.
      enableAutoPipelining: true,
      maxRetriesPerRequest: 1,
      connectTimeout: opts.connectTimeoutMs ?? 3000,
      retryStrategy: backoff,
    },
    { lazyConnect: true, enableOfflineQueue: false, enableAutoPipelining: true },
  );
  redis.on('error', opts.onError ?? (() => undefined));
  return redis;
}

/** The server has no database of the number in REDIS_URL: a configuration problem, not an outage. */
export class RedisDatabaseError extends Error {
  override readonly name = 'RedisDatabaseError';
}

/**
 * Connects, pings once and selects the URL's database; rejects with a clear message when Redis cannot
 * be reached, or with a RedisDatabaseError when the server has no such database (ioredis would report
 * the failed SELECT only as an error event and go on in database 0).
 */
export async function connectRedis(redis: Redis, target: RedisTarget | string): Promise<void> {
  const where = describeTarget(target);
  try {
    if (redis.status === 'wait') await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot reach Redis at ${where}: ${reason}`, { cause: err });
  }
  const db = redis.isCluster ? 0 : (redis.options.db ?? 0);
  if (db === 0) return;
  try {
    await redis.select(db);
  } catch (err) {
    redis.disconnect();
    const reason = err instanceof Error ? err.message : String(err);
    throw new RedisDatabaseError(
      `REDIS_URL: the Redis at ${where} has no database ${db} (${reason}); use one it has (0–15 by default)`,
      { cause: err },
    );
  }
}

/**
 * A connection for BullMQ workers: commands wait through a reconnect instead of failing (a worker
 * must survive a Redis restart or a failover), as BullMQ requires (`maxRetriesPerRequest: null`).
 */
export function createWorkerRedis(target: RedisTarget | string, opts: RedisClientOptions = {}): Redis {
  const redis = build(
    target,
    {
      maxRetriesPerRequest: null,
      enableOfflineQueue: true,
      connectTimeout: opts.connectTimeoutMs ?? 3000,
      retryStrategy: backoff,
    },
    { enableOfflineQueue: true },
  );
  redis.on('error', opts.onError ?? (() => undefined));
  return redis;
}

/** The nodes to visit for a command without a key: every primary of a Cluster, else the client itself. */
export function primaries(redis: Redis): Redis[] {
  return redis.isCluster ? (redis as unknown as Cluster).nodes('master') : [redis];
}
