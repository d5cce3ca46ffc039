import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { RecipientUnreachable, type Logger } from '../core/ports.js';
import { addressHash } from '../storage/keys.js';
import { DailyCapReached, type DeliverJob, type FanOut } from './fan-out.js';
import { noticeChannel, type OfficerNotice } from './officer-notices.js';

/** Channels a broadcast can reach (the console has no subscribers of its own). */
export const BROADCAST_CHANNELS = ['telegram', 'whatsapp'] as const;
export type BroadcastChannel = (typeof BROADCAST_CHANNELS)[number];

const EXPAND = 'broadcast-expand';
const deliverQueue = (channel: BroadcastChannel) => `broadcast-${channel}`;
/** Officers' notices about warnings: their own queue per channel, never behind a broadcast's pace. */
const noticeQueue = (channel: BroadcastChannel) => `warning-notice-${channel}`;
/** Delivery jobs added per call while expanding. */
const BATCH = 1000;
/** Completed jobs are kept this long, so adding one again (same id) within it does not run it twice. */
const KEEP_COMPLETED_S = 7 * 86_400;
const KEEP_FAILED_S = 30 * 86_400;
const MAX_STALLS = 20;

/** BullMQ job ids of a broadcast (ids may not contain ':'; the address is hashed). */
export const broadcastJobIds = {
  expand: (id: string) => `bcx-${id}`,
  deliver: (id: string, address: string) => `bc-${id}-${addressHash('recipient', address)}`,
};

const channelOf = (address: string): BroadcastChannel | undefined => {
  const c = address.slice(0, address.indexOf(':'));
  return (BROADCAST_CHANNELS as readonly string[]).includes(c) ? (c as BroadcastChannel) : undefined;
};

export interface BroadcastQueueOptions {
  readonly attempts: number;
  readonly backoffMs: number;
}

/**
 * The broadcast queues: one expansion job per broadcast, then one delivery job per recipient on the
 * recipient's channel queue (each with its own rate limit). Job ids are deterministic, so starting a
 * broadcast twice, or expanding it again after a crash, queues each recipient once.
 */
export class BullBroadcastQueue {
  private readonly expand: Queue;
  private readonly deliver = new Map<BroadcastChannel, Queue>();
  private readonly notices = new Map<BroadcastChannel, Queue>();

  constructor(
    connection: Redis,
    prefix: string,
    private readonly opts: BroadcastQueueOptions,
    onError: (err: Error) => void = () => undefined,
  ) {
    this.expand = new Queue(EXPAND, { connection, prefix });
    this.expand.on('error', onError);
    for (const c of BROADCAST_CHANNELS) {
      const q = new Queue(deliverQueue(c), { connection, prefix });
      q.on('error', onError);
      this.deliver.set(c, q);
      const n = new Queue(noticeQueue(c), { connection, prefix });
      n.on('error', onError);
      this.notices.set(c, n);
    }
  }

  private jobOptions(jobId: string) {
    return {
      jobId,
      attempts: this.opts.attempts,
      backoff: { type: 'exponential', delay: this.opts.backoffMs },
    };
  }

  /** Queues the expansion of a stored broadcast (once per id). */
  async start(id: string): Promise<void> {
    await this.expand.add('expand', { broadcast: id }, this.jobOptions(broadcastJobIds.expand(id)));
  }

  /**
   * Queues officers' notices on their channel's notice queue (a notice queued again with its id, while
   * the first is kept, is not sent twice). A notice to a channel without broadcasts is dropped.
   */
  async tell(notices: readonly OfficerNotice[]): Promise<void> {
    for (const n of notices) {
      const c = BROADCAST_CHANNELS.find((x) => x === noticeChannel(n));
      const q = c && this.notices.get(c);
      if (q) await q.add('notice', n, this.jobOptions(n.id));
    }
  }

  /** Queues one delivery per recipient, on their channel's queue; other channels' addresses are left out. */
  async queueDeliveries(id: string, addresses: readonly string[]): Promise<number> {
    let queued = 0;
    for (let i = 0; i < addresses.length; i += BATCH) {
      const byChannel = new Map<BroadcastChannel, DeliverJob[]>();
      for (const address of addresses.slice(i, i + BATCH)) {
        const c = channelOf(address);
        if (c) byChannel.set(c, [...(byChannel.get(c) ?? []), { broadcast: id, address }]);
      }
      for (const [c, jobs] of byChannel) {
        const q = this.deliver.get(c);
        if (!q) continue;
        await q.addBulk(
          jobs.map((data) => ({
            name: 'deliver',
            data,
            opts: this.jobOptions(broadcastJobIds.deliver(id, data.address)),
          })),
        );
        queued += jobs.length;
      }
    }
    return queued;
  }

  /**
   * Holds a channel's deliveries for `ms` (its daily cap is reached): they stay queued and resume
   * then; a worker throws Worker.RateLimitError() after it so the job goes back to wait untried.
   */
  async hold(channel: BroadcastChannel, ms: number): Promise<void> {
    await this.deliver.get(channel)?.rateLimit(Math.max(1, ms));
  }

  /** Delivery jobs waiting or running, per channel queue. */
  async depths(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [c, q] of this.deliver)
      out[deliverQueue(c)] = await q.getJobCountByTypes('wait', 'delayed', 'active', 'prioritized');
    out[EXPAND] = await this.expand.getJobCountByTypes('wait', 'delayed', 'active', 'prioritized');
    for (const [c, q] of this.notices)
      out[noticeQueue(c)] = await q.getJobCountByTypes('wait', 'delayed', 'active', 'prioritized');
    return out;
  }

  async close(): Promise<void> {
    const queues = [this.expand, ...this.deliver.values(), ...this.notices.values()];
    await Promise.all(queues.map((q) => q.close()));
  }
}

export interface Pace {
  readonly max: number;
  readonly durationMs: number;
}

/**
 * `n` messages a second, spread evenly: one every 1000/n ms. BullMQ's limiter counts jobs started per
 * window, so `n` per 1000 ms would let a window's jobs bunch at its end and the next window's at its
 * start — up to 2n within one second (measured: 60 in a second at 30/s, bench/broadcasts.ts).
 */
export const perSecond = (n: number): Pace => ({ max: 1, durationMs: Math.ceil(1000 / n) });

/** `n` messages a minute, spread evenly: one every 60/n seconds (no bursts). */
export const perMinute = (n: number): Pace => ({ max: 1, durationMs: Math.ceil(60_000 / n) });

export interface BroadcastWorkerOptions {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  readonly concurrency: number;
  /**
   * At most `max` messages per `durationMs` on each channel: Telegram at the officers' alert pace
   * (ALERTS_PER_SECOND_TELEGRAM), WhatsApp on Baileys one every 60/BROADCAST_WHATSAPP_PER_MINUTE
   * seconds; a channel left out has no limit.
   */
  readonly pace: Readonly<Partial<Record<BroadcastChannel, Pace>>>;
  /**
   * The channels this process can send on (all by default). A channel left out gets no delivery worker
   * here: its deliveries wait in their queue for a process that can send them, instead of failing here
   * until their attempts run out.
   */
  readonly channels?: readonly BroadcastChannel[];
  readonly lockMs?: number;
  readonly logger: Logger;
  /** Sends one officer's notice (createNoticeDelivery); without it no notice worker runs here. */
  readonly notice?: (n: OfficerNotice) => Promise<void>;
}

/** Starts the expansion worker and one delivery worker per channel this process can send on. */
export function startBroadcastWorkers(
  fanOut: FanOut,
  queue: BullBroadcastQueue,
  opts: BroadcastWorkerOptions,
): { readonly workers: readonly Worker[]; close(): Promise<void> } {
  const common = {
    connection: opts.connection,
    prefix: opts.prefix,
    maxStalledCount: MAX_STALLS,
    removeOnComplete: { age: KEEP_COMPLETED_S },
    removeOnFail: { age: KEEP_FAILED_S },
    ...(opts.lockMs ? { lockDuration: opts.lockMs, stalledInterval: opts.lockMs } : {}),
  };
  const expand = new Worker(
    EXPAND,
    async (job: Job<{ broadcast: string }>) => {
      const addresses = await fanOut.recipients(job.data.broadcast);
      return queue.queueDeliveries(job.data.broadcast, addresses);
    },
    { ...common, concurrency: 1 },
  );
  const workers: Worker[] = [
    expand,
    ...(opts.channels ?? BROADCAST_CHANNELS).map((c) => {
      const pace = opts.pace[c];
      return new Worker(
        deliverQueue(c),
        async (job: Job<DeliverJob>) => {
          try {
            return await fanOut.deliver(job.data);
          } catch (err) {
            if (err instanceof DailyCapReached) {
              // The job goes back to wait, untried; the channel's queue waits until the next day.
              await queue.hold(c, err.waitMs);
              throw Worker.RateLimitError();
            }
            if (err instanceof Error && /not found/.test(err.message))
              throw new UnrecoverableError(err.message);
            // The last try: counted as failed before BullMQ gives the job up (progress shows it).
            if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await fanOut.failed(job.data);
            throw err;
          }
        },
        {
          ...common,
          concurrency: opts.concurrency,
          ...(pace ? { limiter: { max: pace.max, duration: pace.durationMs } } : {}),
        },
      );
    }),
  ];
  const notice = opts.notice;
  if (notice)
    for (const c of opts.channels ?? BROADCAST_CHANNELS)
      workers.push(
        new Worker(
          noticeQueue(c),
          async (job: Job<OfficerNotice>) => {
            try {
              await notice(job.data);
            } catch (err) {
              // No retry reaches an officer who cannot be messaged; anything else is tried again.
              if (err instanceof RecipientUnreachable) throw new UnrecoverableError(err.message);
              throw err;
            }
          },
          { ...common, concurrency: 1 },
        ),
      );
  for (const w of workers)
    w.on('error', (err) => opts.logger.warn({ err }, 'broadcast worker connection problem'));
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
