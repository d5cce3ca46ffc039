import type { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import { systemClock, type Logger, type SessionStore } from '../core/ports.js';
import { createKeys } from '../storage/keys.js';
import { MemorySessionStore } from '../storage/memory-session-store.js';
import { RedisSessionStore } from '../storage/redis-session-store.js';

/** Redis (when configured) and the session store on it, or in memory for the demo. */
export interface Sessions {
  readonly redis?: Redis;
  readonly store: SessionStore;
  /** Writes the sessions still held in memory and closes the store (Redis itself stays open). */
  close(): Promise<void>;
}

/**
 * Connects to Redis, renames the keys of an older version, and opens the session store; without
 * REDIS_URL, sessions in memory. A problem is one line and an exit code (2: configuration, 1: Redis).
 */
export async function openSessions(config: Config, logger: Logger): Promise<Sessions | number> {
  if (!config.redis) {
    process.stderr.write(
      'Demo mode: no channel and no REDIS_URL configured; sessions are kept in memory only.\n',
    );
    return {
      store: new MemorySessionStore(config.sessionIdleTtlMs, systemClock),
      close: () => Promise.resolve(),
    };
  }
  // ioredis is loaded only when Redis is configured: the console demo starts without it.
  const { RedisDatabaseError, connectRedis, createRedis } = await import('../storage/redis-client.js');
  const redis = createRedis(config.redis, {
    onError: (err) => logger.warn({ err }, 'redis connection problem'),
  });
  try {
    await connectRedis(redis, config.redis);
  } catch (err) {
    if (err instanceof RedisDatabaseError) {
      process.stderr.write(`config error: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.stderr.write(
      'Start Redis or correct REDIS_URL (REDIS_SENTINELS, REDIS_CLUSTER_NODES); the bot needs it to keep sessions and reports.\n',
    );
    return 1;
  }
  // Keys named by an older version are renamed before anything reads them (src/storage/key-migration.ts).
  const { migrateKeys } = await import('../storage/key-migration.js');
  let migrated;
  try {
    migrated = await migrateKeys(redis, config.redisKeyPrefix);
  } catch (err) {
    process.stderr.write(
      `cannot rename the Redis keys of an older version: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    redis.disconnect();
    return 1;
  }
  if (!migrated.current) logger.info({ ...migrated }, 'redis keys on the current layout');
  if (migrated.conflicts > 0)
    logger.error(
      { conflicts: migrated.conflicts },
      'old redis keys left in place: their new names are taken (see README, "Redis keys")',
    );
  const store = new RedisSessionStore({
    redis,
    keys: createKeys(config.redisKeyPrefix),
    idleTtlMs: config.sessionIdleTtlMs,
    clock: systemClock,
    cacheSize: config.sessionCacheSize,
    writeMode: config.sessionWriteMode,
    logger,
  });
  return {
    redis,
    store,
    async close() {
      await store.flush().catch((err: unknown) => logger.error({ err }, 'sessions not written before exit'));
      store.close();
    },
  };
}
