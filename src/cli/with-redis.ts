import { existsSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { loadConfig, type Config } from '../config/config.js';
import { hasOldKeys } from '../storage/key-migration.js';
import { RedisDatabaseError, connectRedis, createRedis } from '../storage/redis-client.js';

/**
 * Runs an admin command against the bot's Redis (REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES, and
 * REDIS_KEY_PREFIX; also from `.env`), then closes it. Config problems exit 2 (as the bot does), an unreachable Redis exits 1.
 */
export async function withRedis(
  what: string,
  work: (redis: Redis, config: Config) => Promise<number>,
): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const parsed = loadConfig(process.env);
  const errors = parsed.ok
    ? parsed.config.redis
      ? []
      : [`REDIS_URL: required for the ${what} commands (they work on the data in Redis)`]
    : parsed.errors;
  if (!parsed.ok || !parsed.config.redis) {
    for (const line of errors) process.stderr.write(`config error: ${line}\n`);
    process.stderr.write('See .env.example for every variable.\n');
    process.exitCode = 2;
    return;
  }
  const where = parsed.config.redis;
  const redis: Redis = createRedis(where);
  try {
    await connectRedis(redis, where);
  } catch (err) {
    if (err instanceof RedisDatabaseError) {
      process.stderr.write(`config error: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.stderr.write('Start Redis or correct REDIS_URL.\n');
    process.exitCode = 1;
    return;
  }
  try {
    if (await hasOldKeys(redis, parsed.config.redisKeyPrefix)) {
      // Reading them with this version's names would show no officers and no reports.
      process.stderr.write(
        `Redis holds keys named by an older version of the bot (prefix "${parsed.config.redisKeyPrefix}"): ` +
          'start the bot of this version once (it renames them), then run this command again.\n',
      );
      process.exitCode = 2;
      return;
    }
    process.exitCode = await work(redis, parsed.config);
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}
