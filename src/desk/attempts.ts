import type { Redis } from 'ioredis';
import type { DeskKeys } from '../storage/keys.js';

/** A limit: at most `max` attempts of one kind per subject in a window of `windowS` seconds. */
export interface Limit {
  readonly kind: string;
  readonly max: number;
  readonly windowS: number;
}

/**
 * Counters of attempts (sign-in requests, wrong codes) per officer or client address, in fixed windows
 * that start with the first attempt. The subject is hashed in the key name.
 */
export function createAttempts(redis: Redis, keys: DeskKeys) {
  return {
    /** Counts one attempt; true while the count is within the limit. */
    async count(limit: Limit, subject: string): Promise<boolean> {
      const key = keys.attempts(limit.kind, subject);
      const result = await redis.multi().set(key, 0, 'EX', limit.windowS, 'NX').incr(key).exec();
      const n = Number(result?.[1]?.[1] ?? limit.max + 1);
      return n <= limit.max;
    },
    /** Whether the subject has used up the limit (nothing counted). */
    async exceeded(limit: Limit, subject: string): Promise<boolean> {
      const n = Number((await redis.get(keys.attempts(limit.kind, subject))) ?? 0);
      return n >= limit.max;
    },
  };
}

export type Attempts = ReturnType<typeof createAttempts>;
