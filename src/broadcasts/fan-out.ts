import type { ChannelName, OutboundMessage } from '../core/message.js';
import {
  RecipientUnreachable,
  systemClock,
  type Clock,
  type Logger,
  type MessageSender,
  type Translator,
} from '../core/ports.js';
import type { Subscriber } from '../core/subscriptions.js';
import type { AnnouncedJob, Broadcast, RecipientResult } from './broadcast.js';
import type { RedisBroadcastStore } from './redis-broadcast-store.js';
import { createBroadcastRenderer, digestBucket, jobsFor } from './render.js';
import { covers, indexEntries, type SubscriptionStore } from './subscription-store.js';

/** One message of one broadcast to one address. */
export interface DeliverJob {
  readonly broadcast: string;
  readonly address: string;
}

/**
 * What one delivery came to: `repeat`, an earlier run had finished it and nothing was sent; `resent`,
 * an earlier run died mid-send and it was sent again with a notice.
 */
export type Delivery = RecipientResult | 'repeat' | 'resent';

/** A channel refused a broadcast message (nothing went out): the job is tried again. */
export class BroadcastSendFailed extends Error {
  constructor(cause: unknown) {
    super(`broadcast send failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'BroadcastSendFailed';
  }
}

/**
 * The channel's broadcast messages of the day reached its cap (WhatsApp on Baileys): nothing was
 * claimed or sent; the channel's deliveries wait `waitMs`, until the next day (UTC).
 */
export class DailyCapReached extends Error {
  constructor(
    readonly channel: ChannelName,
    readonly waitMs: number,
  ) {
    super(`the daily cap of broadcast messages on ${channel} is reached`);
    this.name = 'DailyCapReached';
  }
}

/** Digests: more than `over` listings for one subscriber make a digest message; daily ones go out at `hourUtc`. */
export interface DigestSettings {
  readonly over: number;
  readonly hourUtc: number;
}

export const DEFAULT_DIGEST: DigestSettings = { over: 3, hourUtc: 1 };

export interface FanOutDeps {
  readonly subscribers: SubscriptionStore;
  readonly broadcasts: RedisBroadcastStore;
  /** Filled in as channels start (as the report pipeline's). */
  readonly senders: Partial<Record<ChannelName, MessageSender>>;
  readonly translator: Translator;
  readonly logger: Logger;
  /** Counts each delivery (metrics). */
  readonly counted?: (result: Delivery) => void;
  readonly digest?: DigestSettings;
  /** Broadcast messages a channel may carry per day (UTC); none: no cap. */
  readonly dailyCap?: Partial<Record<ChannelName, number>>;
  readonly clock?: Clock;
}

/**
 * The fan-out's two steps: `recipients` (who a broadcast goes to now) and `deliver` (one message to
 * one of them). Each recipient gets it once, or twice only with a notice: the mark is claimed in
 * Redis before the message is handed to the channel and finished after; a job run again after a
 * finished mark sends nothing, one that finds a claim its dead worker never finished (the message
 * may or may not have gone out) sends it again saying so. A recipient the channel cannot reach (blocked the bot) is marked and skipped from
 * then on (one it cannot reach for now, outside WhatsApp's 24-hour window, is only skipped this time); one who stopped or changed their alerts since the broadcast was made is skipped. Listings for a
 * subscriber who chose a daily digest are kept for it (`deferred`) and go out in one message then.
 */
export function createFanOut(deps: FanOutDeps) {
  const { subscribers, broadcasts, translator } = deps;
  const cache = new Map<string, Broadcast>();
  const load = async (id: string): Promise<Broadcast> => {
    const known = cache.get(id);
    if (known) return known;
    const b = await broadcasts.get(id);
    if (!b) throw new Error(`broadcast ${id} not found`);
    if (cache.size > 100) cache.clear();
    cache.set(id, b);
    return b;
  };

  const render = createBroadcastRenderer(translator, (deps.digest ?? DEFAULT_DIGEST).over);

  /** The message for this subscriber, or none (no listing of theirs in it). */
  async function messageFor(b: Broadcast, s: Subscriber): Promise<OutboundMessage | undefined> {
    const jobs =
      b.body.kind === 'text'
        ? undefined
        : b.body.kind === 'jobs'
          ? jobsFor(s, b.body.jobs)
          : await broadcasts.digestJobs(b.body.bucket, s.address);
    if (b.body.kind === 'text') return render.warningMessage(b.body, s.locale);
    return jobs && jobs.length > 0 ? render.jobsMessage(jobs, s.locale) : undefined;
  }

  async function finish(
    id: string,
    address: string,
    result: RecipientResult,
    resent = false,
  ): Promise<Delivery> {
    const counted = await broadcasts.finish(id, address, result, resent);
    const delivery: Delivery = !counted ? 'repeat' : resent && result === 'sent' ? 'resent' : result;
    deps.counted?.(delivery);
    return delivery;
  }

  /** A claim: `ok`, `again` (an earlier run died holding it), or undefined (finished before: a repeat). */
  async function claim(id: string, address: string): Promise<'ok' | 'again' | undefined> {
    const c = await broadcasts.claim(id, address);
    // Only one job per recipient runs at a time: a claim still there is one its worker never finished.
    if (c === 'ok' || c === 'sending') return c === 'ok' ? 'ok' : 'again';
    deps.counted?.('repeat');
    return undefined;
  }

  /** A daily-digest subscriber's listings are kept for the next digest instead of sent now. */
  async function defer(b: Broadcast, s: Subscriber, all: readonly AnnouncedJob[]): Promise<Delivery> {
    const jobs = jobsFor(s, all);
    if (jobs.length === 0) return finish(b.id, s.address, 'skipped');
    if (!(await claim(b.id, s.address))) return 'repeat';
    const bucket = digestBucket((deps.clock ?? systemClock).now(), (deps.digest ?? DEFAULT_DIGEST).hourUtc);
    await broadcasts.defer(bucket, s.address, jobs);
    return finish(b.id, s.address, 'deferred');
  }

  /**
   * A slot of the channel's daily cap (WhatsApp on Baileys), taken before the claim; `give` hands it
   * back when nothing went out. Throws DailyCapReached when the day's cap is used up.
   */
  async function daySlot(channel: ChannelName) {
    const cap = deps.dailyCap?.[channel];
    const now = (deps.clock ?? systemClock).now();
    const day = now.toISOString().slice(0, 10).replace(/-/g, '');
    if (cap !== undefined && !(await broadcasts.daySlot(channel, day, cap))) {
      const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
      throw new DailyCapReached(channel, tomorrow - now.getTime());
    }
    return {
      give: () => (cap === undefined ? Promise.resolve(true) : broadcasts.daySlot(channel, day, cap, 'give')),
    };
  }

  async function deliver(job: DeliverJob): Promise<Delivery> {
    const b = await load(job.broadcast);
    const s = await subscribers.get(job.address);
    // A digest goes to whoever still has job alerts (they may have changed how often since).
    const wanted = b.audience.type === 'digest' ? indexEntries(s).jobs.length > 0 : covers(s, b.audience);
    if (!s || !wanted) return finish(b.id, job.address, 'skipped');
    if (b.body.kind === 'jobs' && s.topics.jobs?.digest === 'daily') return defer(b, s, b.body.jobs);
    const message = await messageFor(b, s);
    if (!message) return finish(b.id, job.address, 'skipped');
    const channel = job.address.slice(0, job.address.indexOf(':')) as ChannelName;
    const slot = await daySlot(channel);
    const claimed = await claim(b.id, job.address);
    if (!claimed) {
      await slot.give();
      return 'repeat';
    }
    const again = claimed === 'again';
    const sender = deps.senders[channel];
    try {
      // A channel not started (yet) in this process: tried again later, not taken for a block.
      if (!sender) throw new Error(`no sender for channel "${channel}"`);
      await sender.send(job.address, [again ? render.announcedRepeat(message, s.locale) : message]);
    } catch (err) {
      if (err instanceof RecipientUnreachable && !err.lasting) return finish(b.id, job.address, 'skipped');
      if (err instanceof RecipientUnreachable) {
        await subscribers.put({ ...s, blockedAt: new Date().toISOString() });
        return finish(b.id, job.address, 'blocked');
      }
      // Nothing went out this time; a claim left by a dead worker stays (the retry announces it again).
      if (!again) await broadcasts.release(b.id, job.address);
      await slot.give();
      throw new BroadcastSendFailed(err);
    }
    return finish(b.id, job.address, 'sent', again);
  }

  /** Who the broadcast goes to now (expanded once; a repeat finds the same people, marked or not). */
  async function recipients(id: string): Promise<string[]> {
    const b = await load(id);
    const list =
      b.audience.type === 'digest'
        ? await broadcasts.digestAddresses(b.audience.bucket)
        : await subscribers.audience(b.audience);
    await broadcasts.expanded(id, list.length);
    return list;
  }

  /**
   * A delivery's last try failed (the channel kept refusing): the recipient is counted `failed`,
   * unless an earlier run finished them. A claim left by a dead worker is closed too.
   */
  async function failed(job: DeliverJob): Promise<Delivery> {
    return finish(job.broadcast, job.address, 'failed');
  }

  return { deliver, recipients, failed };
}

export type FanOut = ReturnType<typeof createFanOut>;
