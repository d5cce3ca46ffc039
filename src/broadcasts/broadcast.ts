import type { Locale } from '../core/locale.js';
import type { Audience } from './subscription-store.js';

/** Who a broadcast goes to: subscribers (see Audience), or those with listings kept for one daily digest. */
export type BroadcastAudience = Audience | { readonly type: 'digest'; readonly bucket: string };

/** One new job listing as announced: what the message needs, copied when the broadcast is made. */
export interface AnnouncedJob {
  readonly id: string;
  readonly country: string;
  /** The country's name by locale (`id` always); older broadcasts have none (the code is shown). */
  readonly countryName?: Readonly<Partial<Record<Locale, string>>> & { readonly id: string };
  readonly sector: string;
  /** Title by locale (`id` always; others fall back to it). */
  readonly title: Readonly<Partial<Record<Locale, string>>> & { readonly id: string };
  /** City or country name, as the listing shows it. */
  readonly place: string;
  /** Monthly pay as written in the listing ("5100 HKD"). */
  readonly pay: string;
  readonly agency: string;
  readonly example: boolean;
}

/**
 * What a broadcast says: new jobs (each recipient gets the ones matching them, in one message), a
 * text (an officer's warning), or a daily digest (each recipient gets the listings kept for them).
 */
export type BroadcastBody =
  | { readonly kind: 'jobs'; readonly jobs: readonly AnnouncedJob[] }
  | { readonly kind: 'digest'; readonly bucket: string }
  | {
      readonly kind: 'text';
      readonly texts: Readonly<Partial<Record<Locale, string>>> & { readonly id: string };
      /** The area whose officers sent it (an officer's warning), as the message names it. */
      readonly from?: string;
    };

export interface Broadcast {
  /** Short id of a-z, 0-9 and `-` (job ids of BullMQ are built from it). */
  readonly id: string;
  readonly createdAt: string;
  /** Who made it: `jobs-import`, or an officer id. */
  readonly by: string;
  readonly audience: BroadcastAudience;
  readonly body: BroadcastBody;
}

/**
 * Final states of one recipient (counters of the broadcast); `sending` is a claim not finished.
 * `deferred`: kept for the recipient's daily digest instead of sent now; `failed`: the delivery's last
 * try failed and it was given up (the channel kept refusing; it may have gone out if a claim was left).
 */
export const RECIPIENT_RESULTS = ['sent', 'blocked', 'skipped', 'deferred', 'failed'] as const;
export type RecipientResult = (typeof RECIPIENT_RESULTS)[number];

/** Where a broadcast stands. */
export interface BroadcastStatus {
  readonly id: string;
  readonly createdAt: string;
  readonly by: string;
  readonly audience: BroadcastAudience;
  /** Recipients found when it was expanded; undefined until then. */
  readonly total?: number;
  readonly sent: number;
  readonly blocked: number;
  readonly skipped: number;
  /** Kept for the recipients' daily digests. */
  readonly deferred: number;
  /** Given up after their last try failed. */
  readonly failed: number;
  /** Of `sent`, sent again with a notice after their first worker died mid-send. */
  readonly resent: number;
  /** Claimed and not finished: being sent now (a worker that died is taken over and sends again). */
  readonly sending: number;
  /** Queued and not tried yet (or waiting for a retry); undefined until expanded. */
  readonly pending?: number;
}

export const isBroadcastId = (id: string): boolean => /^[a-z0-9][a-z0-9-]{0,60}$/.test(id);
