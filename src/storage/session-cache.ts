import type { DecodeResult } from '../core/session.js';

/** A session held in process memory, and what Redis is known to hold for it. */
export interface CacheEntry {
  /**
   * The session as Redis stores it. Undefined after a save: the saved session is encoded when it is
   * written, so saves coalesced while a write is under way are never encoded (`decoded` holds it).
   */
  raw: string | undefined;
  /** `raw` decoded, kept so a cache hit costs no JSON parsing (sessions are never mutated). */
  decoded?: DecodeResult;
  /** Revision the engine sees (bumped on every save). */
  rev: number;
  /** Revision last confirmed stored in Redis. */
  confirmedRev: number;
  storedAt: number;
  /** Saved here but not yet written to Redis. */
  dirty: boolean;
  /** A write to Redis is under way. */
  flushing: boolean;
  /** The last write failed (Redis unreachable); retried until it succeeds. */
  failing: boolean;
  /** The write under way, so a delete can wait for it (a write landing after the DEL would revive the session). */
  writing?: Promise<unknown>;
  /** Deleted ("delete my data"): no write of this entry may follow, not even a retry. */
  removed?: boolean;
}

/**
 * LRU of sessions kept in process memory. Entries not yet written to Redis are never evicted, so a
 * saved step is not lost while Redis is briefly away.
 */
export class SessionCache {
  readonly #entries = new Map<string, CacheEntry>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get(key: string, now: number): CacheEntry | undefined {
    const hit = this.peek(key, now);
    if (!hit) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, hit);
    return hit;
  }

  /** Like `get`, without making the entry the most recent (for a save right after its load). */
  peek(key: string, now: number): CacheEntry | undefined {
    const hit = this.#entries.get(key);
    if (!hit) return undefined;
    if (now - hit.storedAt >= this.ttlMs && !hit.dirty && !hit.flushing) {
      this.#entries.delete(key);
      return undefined;
    }
    return hit;
  }

  set(key: string, entry: CacheEntry): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    if (this.#entries.size <= this.maxEntries) return;
    for (const [k, e] of this.#entries) {
      if (this.#entries.size <= this.maxEntries) break;
      if (!e.dirty && !e.flushing) this.#entries.delete(k);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Entries with a write still to do. */
  *pending(): Generator<[string, CacheEntry]> {
    for (const pair of this.#entries) if (pair[1].dirty || pair[1].flushing) yield pair;
  }

  get size(): number {
    return this.#entries.size;
  }
}
