import type { Locale } from './locale.js';
import type { Text } from './message.js';

/**
 * Opt-in alerts (DESIGN §12): new verified jobs for chosen countries and sectors, and officers'
 * warnings for one district. Never on by default; every opt-in keeps what was agreed to, when, in which
 * language and the exact wording shown; STOP (in any language) ends every one at once.
 */

/** What one opt-in agreed to: when, the exact wording shown (as rendered), and its language. */
export interface Consent {
  readonly at: string;
  readonly wording: string;
  /** The wording's translation key, to find which version of the text it was. */
  readonly key?: string;
  readonly locale: Locale;
}

/** New verified job listings in these countries and sectors (an empty list means any). */
export interface JobsTopic {
  readonly countries: readonly string[];
  readonly sectors: readonly string[];
  /** `daily`: one digest a day instead of a message each time new listings are announced. */
  readonly digest?: 'daily';
  readonly consent: Consent;
}

/** Officers' warnings for one district (`PP.KK`). */
export interface WarningsTopic {
  readonly district: string;
  /** The regency's name as the user picked it. */
  readonly name: string;
  readonly consent: Consent;
}

export interface Topics {
  readonly jobs?: JobsTopic;
  readonly warnings?: WarningsTopic;
}

export type TopicKind = keyof Topics;

/** One person's alerts. Kept until they stop and decline to restart, or delete their data. */
export interface Subscriber {
  readonly address: string;
  /** The language their alerts are written in (the chat's language when they last changed them). */
  readonly locale: Locale;
  readonly topics: Topics;
  /** What STOP ended, kept so `mulai` can offer exactly that back (never restarted unasked). */
  readonly stopped?: { readonly at: string; readonly topics: Topics };
  /** The channel said the address cannot be reached (blocked the bot): skipped until they change alerts. */
  readonly blockedAt?: string;
}

/** Number of topics an opt-in record holds. */
export const topicCount = (t: Topics | undefined): number => (t?.jobs ? 1 : 0) + (t?.warnings ? 1 : 0);

/** What the chat may do with a user's alerts; a Redis outage throws (the user is told to try again). */
export interface SubscriptionDesk {
  get(address: string): Promise<Subscriber | undefined>;
  /** Turns a topic on (or changes it) with the wording the user agreed to. */
  subscribe(
    address: string,
    locale: Locale,
    topic:
      | { kind: 'jobs'; countries: readonly string[]; sectors: readonly string[]; digest?: 'daily' }
      | { kind: 'warnings'; district: string; name: string },
    wording: Text,
  ): Promise<Subscriber>;
  unsubscribe(address: string, kind: TopicKind): Promise<void>;
  /** STOP: ends every topic at once; the number ended (0 when there were none). */
  stopAll(address: string): Promise<number>;
  /** Restarts what STOP ended, with a new consent record of `wording`; the number restarted. */
  resume(address: string, locale: Locale, wording: Text): Promise<number>;
  /** The user declined to restart: what STOP ended is forgotten. */
  dropStopped(address: string): Promise<void>;
}

/**
 * For engines built without alerts (tests of other parts, the console without Redis): STOP finds
 * nothing to end, and turning an alert on fails, so the user is told to try again — never that it worked.
 */
export const unwiredSubscriptions: SubscriptionDesk = {
  get: () => Promise.resolve(undefined),
  subscribe: () => Promise.reject(new Error('no subscription desk is wired into this engine')),
  unsubscribe: () => Promise.resolve(),
  stopAll: () => Promise.resolve(0),
  resume: () => Promise.reject(new Error('no subscription desk is wired into this engine')),
  dropStopped: () => Promise.resolve(),
};
