import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../core/ports.js';
import type { DeskKeys } from '../storage/keys.js';

/** However active, a session ends this long after sign-in. */
export const SESSION_MAX_MS = 12 * 3_600_000;

/** A signed-in browser: who, and the token its forms must send back. */
export interface DeskSession {
  readonly officer: string;
  readonly csrf: string;
  readonly createdAt: number;
}

const token = () => randomBytes(32).toString('base64url');

/**
 * Desk sessions in Redis, under the hash of the cookie's random token: they end after `idleMs` without
 * a request (each request extends it), at `SESSION_MAX_MS` after sign-in, or at sign-out.
 */
export function createDeskSessions(deps: {
  readonly redis: Redis;
  readonly keys: DeskKeys;
  readonly idleMs: number;
  readonly clock: Clock;
}) {
  const { redis, keys } = deps;
  const idle = (createdAt: number) =>
    Math.max(1, Math.min(deps.idleMs, createdAt + SESSION_MAX_MS - deps.clock.now().getTime()));
  return {
    /** A new session for the officer; returns the cookie's token. */
    async start(officer: string): Promise<{ token: string; session: DeskSession }> {
      const id = token();
      const session: DeskSession = { officer, csrf: token(), createdAt: deps.clock.now().getTime() };
      await redis
        .multi()
        .hset(keys.session(id), { officer, csrf: session.csrf, createdAt: String(session.createdAt) })
        .pexpire(keys.session(id), idle(session.createdAt))
        .exec();
      return { token: id, session };
    },

    /** The session of this token, extended by `idleMs`; undefined when there is none (or it ended). */
    async get(id: string): Promise<DeskSession | undefined> {
      const key = keys.session(id);
      const h = await redis.hgetall(key);
      const createdAt = Number(h.createdAt);
      if (!h.officer || !h.csrf || !Number.isFinite(createdAt)) return undefined;
      if (createdAt + SESSION_MAX_MS <= deps.clock.now().getTime()) {
        await redis.del(key);
        return undefined;
      }
      await redis.pexpire(key, idle(createdAt));
      return { officer: h.officer, csrf: h.csrf, createdAt };
    },

    async end(id: string): Promise<void> {
      await redis.del(keys.session(id));
    },
  };
}

export type DeskSessions = ReturnType<typeof createDeskSessions>;
