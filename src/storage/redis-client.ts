import { Redis } from 'ioredis';

export interface RedisClientOptions {
  /** Give up connecting at start-up after this long. */
  readonly connectTimeoutMs?: number;
  /** Connection problems (the client reconnects by itself); without a listener ioredis prints them. */
  readonly onError?: (err: Error) => void;
}

/**
 * A Redis client that fails fast while disconnected (no offline queue: a user gets "try again" at once
 * instead of waiting) and keeps reconnecting in the background with a capped backoff.
 */
export function createRedis(url: string, opts: RedisClientOptions = {}): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    // Commands issued in the same tick (many users at once) go out in one write.
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    connectTimeout: opts.connectTimeoutMs ?? 3000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
  });
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
export async function connectRedis(redis: Redis, url: string): Promise<void> {
  const where = url.replace(/\/\/[^@/]*@/, '//***@');
  try {
    if (redis.status === 'wait') await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`cannot reach Redis at ${where}: ${reason}`, { cause: err });
  }
  const db = redis.options.db ?? 0;
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
 * must survive a Redis restart), as BullMQ requires (`maxRetriesPerRequest: null`).
 */
export function createWorkerRedis(url: string, opts: RedisClientOptions = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    connectTimeout: opts.connectTimeoutMs ?? 3000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
  });
  redis.on('error', opts.onError ?? (() => undefined));
  return redis;
}
