import type { Redis } from 'ioredis';
import {
  epochMs,
  type Clock,
  type LoadedSession,
  type Logger,
  type SaveResult,
  type SessionStore,
} from '../core/ports.js';
import {
  decodeSession,
  encodeSession,
  freshSession,
  type DecodeResult,
  type Session,
} from '../core/session.js';
import type { Keys } from './keys.js';
import { defineScripts, readLuaScript } from './lua-scripts.js';
import { SessionCache, type CacheEntry } from './session-cache.js';

/** Compare-and-set of a session (src/storage/lua/session-save.lua). */
const SAVE = readLuaScript(new URL('./lua/session-save.lua', import.meta.url), 'dmSaveSession');

/** The script as a command on the client (ioredis runs it by EVALSHA, loading it when missing). */
interface WithSaveCommand {
  dmSaveSession(
    key: string,
    expectedRev: number,
    value: string,
    ttlMs: number,
    newRev: number,
  ): Promise<number | string>;
}

/** Thrown when a session cannot be read or saved because Redis is unreachable. */
export class SessionStoreUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('session store unavailable: Redis is not reachable', { cause });
  }
}

export interface RedisSessionStoreOptions {
  readonly redis: Redis;
  readonly keys: Keys;
  readonly idleTtlMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Sessions kept in process memory (saves the read per message); `behind` mode only. */
  readonly cacheSize: number;
  /**
   * `behind` (default): a save is written to Redis right away but not awaited, so a reply does not wait
   * for the disk; writes of one user stay in order and are retried until Redis has them. For one bot
   * process per Redis (DESIGN §10). `through`: every load reads Redis and a save returns only once Redis
   * has it, so conflicts with other processes are seen before answering — for several processes sharing
   * users. It keeps no cache: another process may have answered the user's last message, and a turn
   * run on a step it moved past could act on it (a stale "ya" confirming something already left).
   */
  readonly writeMode: 'behind' | 'through';
  /** First retry delay after a failed write; doubles up to 5 s. */
  readonly retryMs?: number;
}

/** ioredis states of a connection that was lost (it reconnects by itself). */
const LOST = new Set(['reconnecting', 'close', 'end']);

const NONE: LoadedSession = { decoded: { type: 'ok', session: freshSession() }, rev: 0 };

interface Stored {
  readonly raw?: string;
  readonly rev: number;
}

function parseStored(stored: string | null): Stored {
  if (!stored) return { rev: 0 };
  const colon = stored.indexOf(':');
  const rev = Number(stored.slice(0, colon));
  if (colon < 1 || !Number.isInteger(rev)) return { raw: '', rev: 0 };
  return { raw: stored.slice(colon + 1), rev };
}

const loaded = (s: Stored): LoadedSession =>
  s.raw === undefined ? NONE : { decoded: decodeSession(s.raw), rev: s.rev };

/** An entry's session as Redis stores it, encoded now if a save left that to the write. */
function rawOf(entry: CacheEntry): string {
  if (entry.raw === undefined) {
    if (!entry.decoded) throw new Error('session cache entry holds no session');
    entry.raw = encodeSession(entry.decoded.session);
  }
  return entry.raw;
}

/**
 * Sessions in Redis with an idle TTL, written by compare-and-set on a revision (one Lua call), so a
 * write never overwrites a newer one from another process. The cache serves reads; in `behind` mode a
 * message costs no Redis round trip before the reply at all.
 */
export class RedisSessionStore implements SessionStore {
  readonly #cache: SessionCache;
  readonly #save: WithSaveCommand;
  /** Sessions are kept in memory (write-behind with a cache); otherwise every load reads Redis. */
  readonly #caching: boolean;
  readonly #idle = new Set<() => void>();
  #retryTimer: NodeJS.Timeout | undefined;
  #retryDelay: number;

  constructor(private readonly opts: RedisSessionStoreOptions) {
    this.#caching = opts.writeMode === 'behind' && opts.cacheSize > 0;
    this.#cache = new SessionCache(this.#caching ? opts.cacheSize : 0, opts.idleTtlMs);
    defineScripts(opts.redis, [SAVE]);
    this.#save = opts.redis as unknown as WithSaveCommand;
    this.#retryDelay = opts.retryMs ?? 200;
  }

  #now(): number {
    return epochMs(this.opts.clock);
  }

  /** Fails at once when the connection is lost, instead of answering on a step that cannot be stored. */
  #ensureReachable(): void {
    if (LOST.has(this.opts.redis.status)) throw new SessionStoreUnavailableError();
  }

  async load(userKey: string): Promise<LoadedSession> {
    const hit = this.#cache.get(userKey, this.#now());
    if (hit) {
      // A step not yet in Redis because Redis is away: keep it, and tell the user to try again.
      if (hit.failing) throw new SessionStoreUnavailableError();
      hit.decoded ??= decodeSession(rawOf(hit));
      return { decoded: hit.decoded, rev: hit.rev };
    }
    this.#ensureReachable();
    const stored = parseStored(await this.opts.redis.get(this.opts.keys.session(userKey)));
    if (stored.raw !== undefined && this.#caching) this.#remember(userKey, stored.raw, stored.rev);
    return loaded(stored);
  }

  async save(userKey: string, session: Session, expectedRev: number): Promise<SaveResult> {
    this.#ensureReachable();
    const now = this.#now();
    // The engine loaded this session a moment ago, which made it the cache's most recent.
    const entry = this.#cache.peek(userKey, now);
    if (entry && entry.rev !== expectedRev) {
      return { type: 'conflict', current: { decoded: decodeSession(rawOf(entry)), rev: entry.rev } };
    }
    const rev = expectedRev + 1;
    if (!this.#caching) {
      // Nothing is cached: Redis's compare-and-set is the only check.
      const reply = await this.#write(userKey, expectedRev, encodeSession(session), rev);
      if (typeof reply === 'number') return { type: 'saved', rev };
      return { type: 'conflict', current: loaded(parseStored(reply === '' ? null : reply)) };
    }
    const decoded: DecodeResult = { type: 'ok', session };
    if (!entry) {
      const next: CacheEntry = {
        raw: undefined,
        decoded,
        rev,
        confirmedRev: expectedRev,
        storedAt: now,
        dirty: true,
        flushing: false,
        failing: false,
      };
      this.#cache.set(userKey, next);
      this.#flush(userKey, next);
      return { type: 'saved', rev };
    }
    entry.raw = undefined;
    entry.decoded = decoded;
    entry.rev = rev;
    entry.storedAt = now;
    entry.dirty = true;
    if (!entry.flushing) this.#flush(userKey, entry);
    return { type: 'saved', rev };
  }

  /**
   * Deletes the session for good: a write still under way is waited for and a pending one is
   * cancelled, so no write of an older step can land after the DEL and bring the session back.
   */
  async delete(userKey: string): Promise<void> {
    const entry = this.#cache.peek(userKey, this.#now());
    this.#cache.delete(userKey);
    if (entry) {
      entry.removed = true;
      entry.dirty = false;
      await entry.writing?.catch(() => undefined);
    }
    await this.opts.redis.del(this.opts.keys.session(userKey));
  }

  /** Resolves when every saved session is in Redis (for shutdown); rejects after `timeoutMs`. */
  async flush(timeoutMs = 5000): Promise<void> {
    if (this.#cache.pending().next().done) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#idle.delete(done);
        reject(new Error('sessions not written to Redis in time'));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#idle.add(done);
      this.#retryNow();
    });
  }

  /** Stops retrying; unwritten sessions stay in memory only. */
  close(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  #remember(userKey: string, raw: string, rev: number): CacheEntry {
    const entry: CacheEntry = {
      raw,
      decoded: undefined,
      rev,
      confirmedRev: rev,
      storedAt: this.#now(),
      dirty: false,
      flushing: false,
      failing: false,
    };
    this.#cache.set(userKey, entry);
    return entry;
  }

  #adopt(userKey: string, current: Stored): void {
    if (current.raw === undefined) this.#cache.delete(userKey);
    else if (this.#caching) this.#remember(userKey, current.raw, current.rev);
  }

  #write(userKey: string, expected: number, raw: string, rev: number): Promise<number | string> {
    return this.#save.dmSaveSession(this.opts.keys.session(userKey), expected, raw, this.opts.idleTtlMs, rev);
  }

  /** Writes the latest state of one user; later saves of that user wait and are coalesced. */
  #flush(userKey: string, entry: CacheEntry): void {
    const raw = rawOf(entry);
    const rev = entry.rev;
    entry.flushing = true;
    entry.dirty = false;
    entry.writing = this.#write(userKey, entry.confirmedRev, raw, rev).then(
      (reply) => {
        entry.flushing = false;
        entry.failing = false;
        if (entry.removed) return this.#notifyIfIdle();
        const stored = typeof reply === 'number' ? undefined : parseStored(reply === '' ? null : reply);
        // A write that failed after Redis applied it comes back as a "conflict" with our own value.
        if (typeof reply === 'number' || (stored?.rev === rev && stored.raw === raw)) {
          entry.confirmedRev = rev;
          this.#retryDelay = this.opts.retryMs ?? 200;
          if (entry.dirty) this.#flush(userKey, entry);
        } else {
          // Another process wrote this user's session: its state wins, ours is dropped.
          this.opts.logger.warn({ rev }, 'session changed by another process; local step dropped');
          this.#adopt(userKey, stored ?? { rev: 0 });
        }
        this.#notifyIfIdle();
      },
      (err: unknown) => {
        entry.flushing = false;
        if (entry.removed) return this.#notifyIfIdle();
        entry.dirty = true;
        entry.failing = true;
        this.opts.logger.warn({ err }, 'session write failed; will retry');
        this.#scheduleRetry();
      },
    );
  }

  #scheduleRetry(): void {
    if (this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#retryNow();
    }, this.#retryDelay);
    this.#retryTimer.unref();
    this.#retryDelay = Math.min(this.#retryDelay * 2, 5000);
  }

  #retryNow(): void {
    if (LOST.has(this.opts.redis.status)) {
      if (!this.#cache.pending().next().done) this.#scheduleRetry();
      return;
    }
    for (const [key, entry] of this.#cache.pending())
      if (entry.dirty && !entry.flushing) this.#flush(key, entry);
    this.#notifyIfIdle();
  }

  #notifyIfIdle(): void {
    if (this.#idle.size === 0 || !this.#cache.pending().next().done) return;
    for (const done of this.#idle) done();
    this.#idle.clear();
  }
}
