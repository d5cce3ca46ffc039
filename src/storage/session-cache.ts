/** A cached session value: the encoded JSON and the revision it was stored under. */
export interface CachedValue {
  readonly raw: string;
  readonly rev: number;
  readonly storedAt: number;
}

/**
 * Small LRU of the sessions this process wrote last. It saves the read round trip: the compare-and-set
 * on save still checks the revision in Redis, so a stale entry (another process answered the user) is
 * detected and replaced, never trusted.
 */
export class SessionCache {
  readonly #entries = new Map<string, CachedValue>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get(key: string, now: number): CachedValue | undefined {
    const hit = this.#entries.get(key);
    if (!hit) return undefined;
    this.#entries.delete(key);
    if (now - hit.storedAt >= this.ttlMs) return undefined;
    this.#entries.set(key, hit);
    return hit;
  }

  set(key: string, value: CachedValue): void {
    if (this.maxEntries <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}
