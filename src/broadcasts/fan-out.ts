import type { ChannelName, OutboundMessage } from '../core/message.js';
import { RecipientUnreachable, type Logger, type MessageSender, type Translator } from '../core/ports.js';
import type { Subscriber } from '../core/subscriptions.js';
import type { AnnouncedJob, Broadcast, RecipientResult } from './broadcast.js';
import type { RedisBroadcastStore } from './redis-broadcast-store.js';
import { covers, type SubscriptionStore } from './subscription-store.js';

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

export interface FanOutDeps {
  readonly subscribers: SubscriptionStore;
  readonly broadcasts: RedisBroadcastStore;
  /** Filled in as channels start (as the report pipeline's). */
  readonly senders: Partial<Record<ChannelName, MessageSender>>;
  readonly translator: Translator;
  readonly logger: Logger;
  /** Counts each delivery (metrics). */
  readonly counted?: (result: Delivery) => void;
}

/** Jobs in a subscriber's countries and sectors (empty lists: any). */
export function jobsFor(s: Subscriber, jobs: readonly AnnouncedJob[]): AnnouncedJob[] {
  const t = s.topics.jobs;
  if (!t) return [];
  return jobs.filter(
    (j) =>
      (t.countries.length === 0 || t.countries.includes(j.country)) &&
      (t.sectors.length === 0 || t.sectors.includes(j.sector)),
  );
}

/**
 * The fan-out's two steps: `recipients` (who a broadcast goes to now) and `deliver` (one message to
 * one of them). Each recipient gets it once, or twice only with a notice: the mark is claimed in
 * Redis before the message is handed to the channel and finished after; a job run again after a
 * finished mark sends nothing, one that finds a claim its dead worker never finished (the message
 * may or may not have gone out) sends it again saying so. A recipient the channel cannot reach (blocked the bot) is marked and skipped from
 * then on (one it cannot reach for now, outside WhatsApp's 24-hour window, is only skipped this time); one who stopped or changed their alerts since the broadcast was made is skipped.
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

  function render(b: Broadcast, s: Subscriber): OutboundMessage | undefined {
    const tr = (key: string, params?: Record<string, string | number>) => translator.t(s.locale, key, params);
    const footer = tr('broadcast.stopHint');
    if (b.body.kind === 'text') {
      const text = b.body.texts[s.locale] ?? b.body.texts.id;
      const from = b.body.from ? [tr('broadcast.warningFrom', { area: b.body.from })] : [];
      return {
        title: tr('broadcast.warningTitle'),
        body: [text, ...from, footer].join('\n\n'),
        choices: [],
        broadcast: true,
      };
    }
    const jobs = jobsFor(s, b.body.jobs);
    if (jobs.length === 0) return undefined;
    const lines = jobs.map((j) =>
      tr('broadcast.jobLine', {
        title: j.title[s.locale] ?? j.title.id,
        place: j.place,
        pay: j.pay,
        agency: j.agency,
      }),
    );
    const example = jobs.some((j) => j.example) ? [tr('broadcast.example')] : [];
    return {
      title: tr('broadcast.jobsTitle', { count: jobs.length }),
      body: [lines.join('\n'), ...example, tr('broadcast.jobsMore'), footer].join('\n\n'),
      choices: [],
      broadcast: true,
    };
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

  /** The message again, saying it may have arrived before (its first sending was cut off). */
  const announcedRepeat = (m: OutboundMessage, s: Subscriber): OutboundMessage => ({
    ...m,
    body: `${translator.t(s.locale, 'broadcast.repeatNotice')}\n\n${m.body}`,
  });

  async function deliver(job: DeliverJob): Promise<Delivery> {
    const b = await load(job.broadcast);
    const s = await subscribers.get(job.address);
    const message = s && covers(s, b.audience) ? render(b, s) : undefined;
    if (!s || !message) return finish(b.id, job.address, 'skipped');
    const claim = await broadcasts.claim(b.id, job.address);
    // Only one job per recipient runs at a time: a claim still there is one its worker never finished.
    const again = claim === 'sending';
    if (claim !== 'ok' && !again) {
      deps.counted?.('repeat');
      return 'repeat';
    }
    const channel = job.address.slice(0, job.address.indexOf(':')) as ChannelName;
    const sender = deps.senders[channel];
    try {
      // A channel not started (yet) in this process: tried again later, not taken for a block.
      if (!sender) throw new Error(`no sender for channel "${channel}"`);
      await sender.send(job.address, [again ? announcedRepeat(message, s) : message]);
    } catch (err) {
      if (err instanceof RecipientUnreachable && !err.lasting) return finish(b.id, job.address, 'skipped');
      if (err instanceof RecipientUnreachable) {
        await subscribers.put({ ...s, blockedAt: new Date().toISOString() });
        return finish(b.id, job.address, 'blocked');
      }
      // Nothing went out this time; a claim left by a dead worker stays (the retry announces it again).
      if (!again) await broadcasts.release(b.id, job.address);
      throw new BroadcastSendFailed(err);
    }
    return finish(b.id, job.address, 'sent', again);
  }

  /** Who the broadcast goes to now (expanded once; a repeat finds the same people, marked or not). */
  async function recipients(id: string): Promise<string[]> {
    const b = await load(id);
    const list = await subscribers.audience(b.audience);
    await broadcasts.expanded(id, list.length);
    return list;
  }

  return { deliver, recipients };
}

export type FanOut = ReturnType<typeof createFanOut>;
