import type { Locale } from './locale.js';
import type { OutboundMessage, Params } from './message.js';
import type { DecodeResult, Session } from './session.js';

/** A session as loaded, with the revision to compare against when saving it back. */
export interface LoadedSession {
  readonly decoded: DecodeResult;
  /** Opaque revision; 0 when the user had no stored session. */
  readonly rev: number;
}

export type SaveResult =
  | { readonly type: 'saved'; readonly rev: number }
  /** Someone else saved first (another process, a concurrent message): retry against `current`. */
  | { readonly type: 'conflict'; readonly current: LoadedSession };

/**
 * Where sessions live. Saving is compare-and-set on the revision, so two processes serving one user
 * never overwrite each other's step. Implementations: memory (demo, tests) and Redis (service).
 */
export interface SessionStore {
  load(userKey: string): Promise<LoadedSession>;
  save(userKey: string, session: Session, expectedRev: number): Promise<SaveResult>;
  delete(userKey: string): Promise<void>;
}

/** Renders i18n keys; implemented with i18next outside the core. */
export interface Translator {
  t(locale: Locale, key: string, params?: Params): string;
}

/** Minimal structured logger (pino-compatible): object first, message second. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface Clock {
  now(): Date;
  /**
   * `now().getTime()` without making a Date, for code that reads the time on every message (a Date
   * is an object to collect). A clock without it (tests' clocks) is read by `now`: see `epochMs`.
   */
  nowMs?(): number;
}

export const systemClock: Clock = { now: () => new Date(), nowMs: () => Date.now() };

/** Milliseconds since the epoch by `clock`. */
export const epochMs = (clock: Clock): number => (clock.nowMs ? clock.nowMs() : clock.now().getTime());

/** One warning sign found in a pasted offer, with the words that showed it. */
export interface ScanFinding {
  readonly signId: string;
  readonly weight: 1 | 2 | 3;
  readonly evidence: readonly string[];
}

/** What a pasted job offer or chat shows. */
export interface OfferScanResult {
  /** Phone numbers in international form. */
  readonly phones: readonly string[];
  /** Company names as written after "PT" or "CV". */
  readonly companies: readonly string[];
  /** Destination country ids (content/warnings/scan.yaml). */
  readonly countries: readonly string[];
  /** Salary promises as written. */
  readonly salaries: readonly string[];
  readonly findings: readonly ScanFinding[];
  /** False when the text has almost no words to read (only emojis, numbers, another script). */
  readonly readable: boolean;
  /** The text is an official warning or public notice ("KP2MI mengimbau …"), not an offer. */
  readonly notice: boolean;
  /**
   * Words that are positive evidence of a procedural offer (a job order, SISKOP2MI, G to G); a licensed
   * agency is looked up by the caller among `companies`.
   */
  readonly positive: readonly string[];
}

/** An amount of money and its currency (ISO 4217 code: `IDR`, `USD`, `MYR`). */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** Reads a pasted offer; implemented outside the core (phone-number library, phrase lists). */
export interface OfferScanner {
  scan(text: string): OfferScanResult;
  /**
   * The companies a text names (`scan(text).companies`) without the rest of the scan: a report's
   * prefill and its payee need only these.
   */
  companies(text: string): string[];
  /**
   * The first amount of money a text names, read with the scan's number reading ("5jt",
   * "Rp 5.000.000", "lima juta", "2,5 juta", "USD 500"). With `answer` the text answers "how much?",
   * so a number alone counts; otherwise amounts that are pay ("gaji 8jt") are passed over.
   */
  money(text: string, answer?: boolean): Money | undefined;
}

/**
 * Delivers rendered messages to one chat address (`telegram:123`, `whatsapp:62812…`) outside a
 * conversation turn: alerts to officers, status changes to reporters. Each channel implements it.
 * Throw `RecipientUnreachable` when the address can never be reached (blocked the bot, no such
 * chat): the caller stops retrying. Any other error is treated as temporary and retried.
 */
export interface MessageSender {
  send(address: string, messages: readonly OutboundMessage[]): Promise<void>;
}

export class RecipientUnreachable extends Error {
  constructor(
    readonly address: string,
    reason: string,
    /**
     * False when it is only for now (a WhatsApp user who last wrote more than 24 hours ago, with no
     * template for the message): not sent, but not to be taken for a block either.
     */
    readonly lasting = true,
  ) {
    super(`recipient unreachable: ${reason}`);
    this.name = 'RecipientUnreachable';
  }
}

/**
 * One process's hold on something only one may run (a WhatsApp number), renewed while held; the
 * storage layer implements it on Redis (src/storage/lease.ts), the composition root hands it over.
 */
export interface Lease {
  readonly key: string;
  readonly owner: string;
  /** False once released or lost. */
  held(): boolean;
  /** Stops renewing and gives it up if it is still this owner's. Safe to call twice. */
  release(): Promise<void>;
}

export type LeaseResult =
  | { readonly type: 'acquired'; readonly lease: Lease }
  /** Another process holds it; `ttlMs` is how long until it expires if that process is gone. */
  | { readonly type: 'held'; readonly owner: string; readonly ttlMs: number };

export interface LeaseRequest {
  /** Unique per process: shown to a second process that is refused. */
  readonly owner: string;
  /** The lease expires this long after the last renewal. */
  readonly ttlMs: number;
  /** How long to wait for a lease held by another process (one that died frees it within its TTL). */
  readonly waitMs: number;
  /** Called once when the lease is no longer this process's (taken, or not renewed in time). */
  readonly onLost: (reason: 'taken' | 'expired') => void;
  /** A renewal failed for a reason other than another owner; retried. */
  readonly onRenewError?: (err: unknown) => void;
}

/** Takes a lease on one thing, waiting up to `waitMs` for another holder's to expire. */
export type TakeLease = (request: LeaseRequest) => Promise<LeaseResult>;

/**
 * A Lua script of an adapter that keeps state in Redis: a `.lua` file whose header names its keys,
 * arguments and output; the storage layer loads it (src/storage/lua-scripts.ts), main hands that over.
 */
export interface ScriptFile {
  /** The command's name on the client. */
  readonly name: string;
  readonly file: URL;
}
