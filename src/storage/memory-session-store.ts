import type { Clock, LoadedSession, SaveResult, SessionStore } from '../core/ports.js';
import {
  decodeSession,
  encodeSession,
  freshSession,
  type DecodeResult,
  type Session,
} from '../core/session.js';

interface Entry {
  readonly raw: string;
  /** The session as saved, which a load returns (absent for a value put in raw, which is decoded). */
  readonly saved?: DecodeResult;
  readonly rev: number;
  readonly expiresAt: number;
}

/**
 * In-memory session store for demo mode and tests. Stores encoded values, like Redis, so version
 * checks and corrupt values behave the same in both stores. Like the Redis store's cache (write-behind),
 * it also keeps the session it was given: a load returns it without decoding, and saving the same
 * session again (a turn that changed nothing) does not encode it again.
 */
export class MemorySessionStore implements SessionStore {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly idleTtlMs: number,
    private readonly clock: Clock,
  ) {}

  /** The stored entry, unless it has expired by `now`. */
  #live(userKey: string, now: number): Entry | undefined {
    const entry = this.#entries.get(userKey);
    return entry && entry.expiresAt > now ? entry : undefined;
  }

  #current(entry: Entry | undefined): LoadedSession {
    if (!entry) return { decoded: { type: 'ok', session: freshSession() }, rev: 0 };
    return { decoded: entry.saved ?? decodeSession(entry.raw), rev: entry.rev };
  }

  load(userKey: string): Promise<LoadedSession> {
    return Promise.resolve(this.#current(this.#live(userKey, this.clock.now().getTime())));
  }

  save(userKey: string, session: Session, expectedRev: number): Promise<SaveResult> {
    const now = this.clock.now().getTime();
    const entry = this.#live(userKey, now);
    // The revision alone says whether another save came first; the stored value is read only then.
    if ((entry?.rev ?? 0) !== expectedRev)
      return Promise.resolve({ type: 'conflict', current: this.#current(entry) });
    const rev = expectedRev + 1;
    const raw = entry?.saved?.session === session ? entry.raw : encodeSession(session);
    this.#entries.set(userKey, { raw, saved: { type: 'ok', session }, rev, expiresAt: now + this.idleTtlMs });
    return Promise.resolve({ type: 'saved', rev });
  }

  delete(userKey: string): Promise<void> {
    this.#entries.delete(userKey);
    return Promise.resolve();
  }

  /** Test hook: store a raw value as if an older version of the bot had written it. */
  putRaw(userKey: string, raw: string, rev = 1): void {
    this.#entries.set(userKey, { raw, rev, expiresAt: this.clock.now().getTime() + this.idleTtlMs });
  }

  get size(): number {
    return this.#entries.size;
  }
}
