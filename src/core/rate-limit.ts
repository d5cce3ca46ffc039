/** What to do with one message of a user. */
export type RateVerdict =
  /** Within the limit: answer it. */
  | 'answer'
  /** The first message over the limit in this window: say "please slow down" (and nothing else). */
  | 'warn'
  /** Over the limit and already warned: drop it silently until the window ends. */
  | 'drop';

interface Window {
  start: number;
  count: number;
}

const WINDOW_MS = 60_000;
/** Ended windows are swept out after this many checks, so the map holds recent senders only. */
const SWEEP_EVERY = 1024;

/**
 * Per-user message limit in process memory: at most `perMinute` messages in a window of one minute
 * that starts with the user's first message. A process restart forgets the counts (the limit is a
 * brake on floods, not an account quota); several bot processes each count their own share.
 */
export class UserRateLimiter {
  readonly #windows = new Map<string, Window>();
  #checks = 0;

  constructor(private readonly perMinute: number) {}

  check(userKey: string, now: number): RateVerdict {
    if (++this.#checks % SWEEP_EVERY === 0) this.#sweep(now);
    const w = this.#windows.get(userKey);
    if (!w || now - w.start >= WINDOW_MS || now < w.start) {
      this.#windows.set(userKey, { start: now, count: 1 });
      return 'answer';
    }
    w.count++;
    if (w.count <= this.perMinute) return 'answer';
    return w.count === this.perMinute + 1 ? 'warn' : 'drop';
  }

  /** Users with a window still counted (tests, and a sanity check on memory). */
  get size(): number {
    return this.#windows.size;
  }

  #sweep(now: number): void {
    for (const [key, w] of this.#windows) if (now - w.start >= WINDOW_MS) this.#windows.delete(key);
  }
}
