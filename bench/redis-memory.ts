import type { Redis } from 'ioredis';
import { systemClock } from '../src/core/ports.js';
import { freshSession } from '../src/core/session.js';
import { createKeys } from '../src/storage/keys.js';
import { RedisSessionStore } from '../src/storage/redis-session-store.js';
import { silentLogger, telegramUserId } from './util.js';

export interface KeyMemory {
  /** `used_memory` growth divided by the number of keys written. */
  readonly bytesPerKey: number;
  /** `MEMORY USAGE` of one of the keys. */
  readonly memoryUsage: number;
}

export interface IdleMemoryResult {
  readonly session: KeyMemory;
  /** A plain 300-byte JSON string with the same TTL, for comparison. */
  readonly plainJson300: KeyMemory;
}

/** Writes in batches so the loop is not bound by one round trip (and one AOF fsync) per key. */
const BATCH = 500;

const usedMemory = async (redis: Redis): Promise<number> => {
  const match = /^used_memory:(\d+)\r?$/m.exec(await redis.info('memory'));
  if (!match?.[1]) throw new Error('INFO memory has no used_memory');
  return Number(match[1]);
};

/**
 * Memory that `count` keys written by `write` add to an empty database. FLUSHDB: call only on a
 * private server.
 */
async function memoryPerKey(
  redis: Redis,
  count: number,
  keyOf: (i: number) => string,
  write: (i: number) => Promise<unknown>,
): Promise<KeyMemory> {
  await redis.flushdb();
  await write(0); // loads scripts and warms the connection outside the measurement
  await redis.flushdb();
  const before = await usedMemory(redis);
  for (let start = 0; start < count; start += BATCH) {
    const end = Math.min(start + BATCH, count);
    await Promise.all(Array.from({ length: end - start }, (_, k) => write(start + k)));
  }
  const after = await usedMemory(redis);
  const keys = await redis.dbsize();
  if (keys !== count) throw new Error(`expected ${count} keys, found ${keys}`);
  const memoryUsage = (await redis.memory('USAGE', keyOf(count >> 1))) ?? 0;
  await redis.flushdb();
  return { bytesPerKey: (after - before) / count, memoryUsage };
}

/** A JSON string of exactly `bytes` bytes. */
export function jsonOfSize(bytes: number): string {
  const base = JSON.stringify({ pad: '' });
  return JSON.stringify({ pad: 'x'.repeat(bytes - base.length) });
}

/**
 * Redis memory per idle user (a fresh menu session saved through RedisSessionStore) and, for
 * comparison, per plain 300-byte JSON value under the same key style and TTL.
 * Flushes the database: `redis` must be the bench's own server.
 */
export async function measureIdleMemory(
  redis: Redis,
  users: number,
  idleTtlMs: number,
): Promise<IdleMemoryResult> {
  const keys = createKeys('bench:');
  const store = new RedisSessionStore({
    redis,
    keys,
    idleTtlMs,
    clock: systemClock,
    cacheSize: 0,
    writeMode: 'through',
    logger: silentLogger(),
  });
  const userKey = (i: number) => `telegram:${telegramUserId(i)}`;
  const session = await memoryPerKey(
    redis,
    users,
    (i) => keys.session(userKey(i)),
    async (i) => {
      const saved = await store.save(userKey(i), freshSession(), 0);
      if (saved.type !== 'saved') throw new Error(`idle session ${i} was not saved`);
    },
  );
  const plain = jsonOfSize(300);
  const plainJson300 = await memoryPerKey(
    redis,
    users,
    (i) => keys.session(userKey(i)),
    (i) => redis.set(keys.session(userKey(i)), plain, 'PX', idleTtlMs),
  );
  return { session, plainJson300 };
}
