import type { Redis } from 'ioredis';

/** One key and everything it holds, as text (names, fields, members, values, stream entries). */
export interface DumpedKey {
  readonly key: string;
  readonly type: string;
  readonly text: string;
}

/** Every key under `prefix` with its whole content, for "is this person still anywhere?" checks. */
export async function dumpRedis(redis: Redis, prefix: string): Promise<DumpedKey[]> {
  const out: DumpedKey[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      let parts: string[] = [];
      if (type === 'string') parts = [((await redis.getBuffer(key)) ?? Buffer.alloc(0)).toString('latin1')];
      else if (type === 'hash') parts = Object.entries(await redis.hgetall(key)).flat();
      else if (type === 'list') parts = await redis.lrange(key, 0, -1);
      else if (type === 'set') parts = await redis.smembers(key);
      else if (type === 'zset') parts = await redis.zrange(key, 0, -1);
      else if (type === 'stream')
        parts = (await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]);
      else if (type !== 'none') parts = [`<${type} not read>`];
      out.push({ key, type, text: parts.join('\n') });
    }
  } while (cursor !== '0');
  return out;
}

/** Keys whose name or content contains `needle`. */
export const keysMentioning = (dump: readonly DumpedKey[], needle: string): string[] =>
  dump.filter((k) => k.key.includes(needle) || k.text.includes(needle)).map((k) => k.key);
