import type { Redis } from 'ioredis';

/**
 * Who the bot may message outside a conversation turn: people who wrote to it first, and officers who
 * registered themselves (DESIGN §7). A number that never wrote is never messaged, which also keeps
 * the number from being reported as spam.
 */
export interface ContactBook {
  /** Records that `address` wrote to the bot (or registered as an officer) now. */
  markContactable(address: string): Promise<void>;
  isContactable(address: string): Promise<boolean>;
  /** "Delete my data": the address is no longer listed (writing again lists it again). */
  forget(address: string): Promise<void>;
}

export function createContactBook(redis: Redis, key: string, now: () => number = Date.now): ContactBook {
  return {
    async markContactable(address) {
      await redis.zadd(key, now(), address);
    },
    async isContactable(address) {
      return (await redis.zscore(key, address)) !== null;
    },
    async forget(address) {
      await redis.zrem(key, address);
    },
  };
}
