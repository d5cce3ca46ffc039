import type { Redis } from 'ioredis';
import { primaries } from './redis-client.js';

/**
 * Calls `each` with every batch of keys matching `pattern`. SCAN has no key, so on a Cluster it would
 * reach one node only: there every primary is scanned (a pattern inside one hash tag finds its keys on
 * the primary of that slot).
 */
export async function scanKeys(
  redis: Redis,
  pattern: string,
  each: (keys: string[]) => Promise<void>,
  count = 1000,
): Promise<void> {
  for (const node of primaries(redis)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length > 0) await each(keys);
    } while (cursor !== '0');
  }
}

/**
 * Deletes every key matching `pattern`. One DEL per batch on one server; on a Cluster one per key, since
 * a batch may span slots (a pattern inside one hash tag never does, but this does not rely on it).
 */
export async function deleteMatching(redis: Redis, pattern: string, count = 1000): Promise<number> {
  let deleted = 0;
  await scanKeys(
    redis,
    pattern,
    async (keys) => {
      deleted += redis.isCluster
        ? (await Promise.all(keys.map((k) => redis.del(k)))).reduce((a, b) => a + b, 0)
        : await redis.del(...keys);
    },
    count,
  );
  return deleted;
}
