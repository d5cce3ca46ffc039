import type { Redis } from 'ioredis';
import type { Clock, LoadedSession, SaveResult, SessionStore } from '../core/ports.js';
import { decodeSession, encodeSession, freshSession, type Session } from '../core/session.js';
import type { Keys } from './keys.js';
import { SessionCache } from './session-cache.js';

/**
 * Compare-and-set of a session.
 * KEYS[1] session key. ARGV[1] expected revision (0: none stored), ARGV[2] encoded session, ARGV[3] idle TTL ms.
 * Stored value: `<rev>:<json>`. Returns the new revision (integer) when saved; on conflict the stored
 * value as a string ('' when there is none).
 */
const SAVE_SCRIPT = `
local cur = redis.call('GET', KEYS[1])
local rev = 0
if cur then rev = tonumber(string.match(cur, '^(%d+):')) or 0 end
if rev ~= tonumber(ARGV[1]) then return cur or '' end
rev = rev + 1
redis.call('SET', KEYS[1], rev .. ':' .. ARGV[2], 'PX', ARGV[3])
return rev
`;

/** The script as a command on the client (ioredis runs it by EVALSHA, loading it when missing). */
interface WithSaveCommand {
  dmSaveSession(key: string, expectedRev: number, value: string, ttlMs: number): Promise<number | string>;
}

export interface RedisSessionStoreOptions {
  readonly redis: Redis;
  readonly keys: Keys;
  readonly idleTtlMs: number;
  readonly clock: Clock;
  /** Sessions kept in process memory to save a read per message; 0 disables. */
  readonly cacheSize: number;
}

const NONE: LoadedSession = { decoded: { type: 'ok', session: freshSession() }, rev: 0 };

function parseStored(stored: string | null): LoadedSession & { raw?: string } {
  if (!stored) return NONE;
  const colon = stored.indexOf(':');
  const rev = Number(stored.slice(0, colon));
  if (colon < 1 || !Number.isInteger(rev)) return { decoded: decodeSession(''), rev: 0 };
  const raw = stored.slice(colon + 1);
  return { decoded: decodeSession(raw), rev, raw };
}

/**
 * Sessions in Redis with an idle TTL, saved by compare-and-set (one Lua call), so concurrent
 * messages or several bot processes never lose a step. With the cache, a message costs one round trip.
 */
export class RedisSessionStore implements SessionStore {
  readonly #cache: SessionCache;
  readonly #save: WithSaveCommand;

  constructor(private readonly opts: RedisSessionStoreOptions) {
    this.#cache = new SessionCache(opts.cacheSize, opts.idleTtlMs);
    if (!('dmSaveSession' in opts.redis)) {
      opts.redis.defineCommand('dmSaveSession', { numberOfKeys: 1, lua: SAVE_SCRIPT });
    }
    this.#save = opts.redis as unknown as WithSaveCommand;
  }

  async load(userKey: string): Promise<LoadedSession> {
    const hit = this.#cache.get(userKey, this.opts.clock.now().getTime());
    if (hit) return { decoded: decodeSession(hit.raw), rev: hit.rev };
    const stored = parseStored(await this.opts.redis.get(this.opts.keys.session(userKey)));
    return { decoded: stored.decoded, rev: stored.rev };
  }

  async save(userKey: string, session: Session, expectedRev: number): Promise<SaveResult> {
    const raw = encodeSession(session);
    const reply = await this.#save.dmSaveSession(
      this.opts.keys.session(userKey),
      expectedRev,
      raw,
      this.opts.idleTtlMs,
    );
    const now = this.opts.clock.now().getTime();
    if (typeof reply === 'number') {
      this.#cache.set(userKey, { raw, rev: reply, storedAt: now });
      return { type: 'saved', rev: reply };
    }
    const current = parseStored(reply === '' ? null : reply);
    if (current.raw !== undefined)
      this.#cache.set(userKey, { raw: current.raw, rev: current.rev, storedAt: now });
    else this.#cache.delete(userKey);
    return { type: 'conflict', current: { decoded: current.decoded, rev: current.rev } };
  }

  async delete(userKey: string): Promise<void> {
    this.#cache.delete(userKey);
    await this.opts.redis.del(this.opts.keys.session(userKey));
  }
}
