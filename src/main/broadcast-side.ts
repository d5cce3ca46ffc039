import type { Redis } from 'ioredis';
import type { BroadcastChannel, BullBroadcastQueue } from '../broadcasts/bull-broadcasts.js';
import { createFanOut } from '../broadcasts/fan-out.js';
import { createNoticeDelivery } from '../broadcasts/officer-notices.js';
import { MemorySubscriptionStore, type SubscriptionStore } from '../broadcasts/subscription-store.js';
import { createSubscriptionDesk } from '../broadcasts/subscription-desk.js';
import type { Config } from '../config/config.js';
import type { ChannelName } from '../core/message.js';
import { systemClock, type Logger, type MessageSender, type Translator } from '../core/ports.js';
import type { SubscriptionDesk } from '../core/subscriptions.js';
import type { WarningDesk } from '../core/warnings.js';
import type { Metrics } from '../observability/metrics.js';
import type { OfficerDirectory } from '../officers/officer.js';
import { createKeys } from '../storage/keys.js';
import { watchWorkers } from './worker-watchdog.js';

/** Steps younger than this are left to the process that made them (it is queueing their follow-ups). */
const CATCH_UP_AFTER_MS = 30_000;

export interface BroadcastSide {
  /** The chat's side of opt-in alerts (`langganan`, STOP, `mulai`). */
  readonly desk: SubscriptionDesk;
  /** "Delete my data": the address's subscriptions and consent records. */
  readonly forget: (address: string) => Promise<void>;
  /** Officers' warnings to their area's subscribers (on Redis only; the demo has none). */
  readonly warnings?: WarningDesk;
  /** Whether the broadcast workers run here and are connected (undefined: no workers here). */
  readonly workersReady?: () => Promise<boolean>;
  close(): Promise<void>;
}

export interface BroadcastSideOptions {
  readonly config: Config;
  readonly redis?: Redis;
  /** The same senders object as the report side (channels add theirs as they start). */
  readonly senders: Partial<Record<ChannelName, MessageSender>>;
  readonly translator: Translator;
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** The report side's officer directory: who may send warnings, and to whom proposals go. */
  readonly officers: OfficerDirectory;
  /** Names of villages, districts and provinces by code. */
  readonly placeName: (code: string) => string | undefined;
  /** The districts of a province. */
  readonly districtsIn: (province: string) => readonly string[];
}

/**
 * Subscriptions and broadcasts (DESIGN §12): subscribers on Redis and the broadcast workers (where
 * this process runs the report workers), at the officers' alert pace per channel. The demo keeps
 * subscribers in memory and sends no broadcasts.
 */
export async function startBroadcastSide(opts: BroadcastSideOptions): Promise<BroadcastSide> {
  const { config, redis, logger } = opts;
  const where = config.redis;
  if (!redis || !where) {
    const store: SubscriptionStore = new MemorySubscriptionStore();
    return {
      desk: createSubscriptionDesk(store, systemClock, opts.translator),
      forget: (address) => store.delete(address),
      close: () => Promise.resolve(),
    };
  }
  const keys = createKeys(config.redisKeyPrefix);
  const { RedisSubscriptionStore } = await import('../broadcasts/redis-subscription-store.js');
  const { RedisBroadcastStore } = await import('../broadcasts/redis-broadcast-store.js');
  const store = new RedisSubscriptionStore(redis, keys.broadcasts);
  const broadcasts = new RedisBroadcastStore(redis, keys.broadcasts);
  const closing: (() => Promise<void>)[] = [];
  const { BullBroadcastQueue, startBroadcastWorkers, perMinute, perSecond } =
    await import('../broadcasts/bull-broadcasts.js');
  // Every process with Redis may start a broadcast (an officer's warning); workers run where configured.
  const queue = new BullBroadcastQueue(
    redis,
    keys.bull,
    { attempts: config.reports.attempts, backoffMs: config.reports.retryDelayMs },
    (err) => logger.warn({ err }, 'broadcast queue connection problem'),
  );
  closing.push(() => queue.close());
  const warnings = await warningDesk(opts, redis, store, queue);
  let workersReady: (() => Promise<boolean>) | undefined;
  if (config.reports.workers) {
    // A linked device (Baileys) is paced and capped per day for broadcasts; the Cloud API has its own limits.
    const baileys = config.whatsapp !== undefined;
    const { createWorkerRedis } = await import('../storage/redis-client.js');
    const fanOut = createFanOut({
      subscribers: store,
      broadcasts,
      senders: opts.senders,
      translator: opts.translator,
      logger,
      counted: (result) => opts.metrics.broadcast(result),
      digest: { over: config.broadcasts.digestOver, hourUtc: config.broadcasts.digestHourUtc },
      ...(baileys ? { dailyCap: { whatsapp: config.broadcasts.baileys.perDay } } : {}),
    });
    // Started again with a new connection when a failover leaves them idle (src/main/worker-watchdog.ts).
    const workers = watchWorkers(
      () => {
        const connection = createWorkerRedis(where, {
          onError: (err) => logger.warn({ err }, 'broadcast worker connection problem'),
        });
        const set = startBroadcastWorkers(fanOut, queue, {
          connection,
          prefix: keys.bull,
          concurrency: config.reports.concurrency,
          lockMs: config.reports.lockMs,
          channels: sendableChannels(config),
          pace: {
            telegram: perSecond(config.reports.alertsPerSecond.telegram),
            whatsapp: baileys
              ? perMinute(config.broadcasts.baileys.perMinute)
              : perSecond(config.reports.alertsPerSecond.whatsapp),
          },
          logger,
          notice: createNoticeDelivery(opts.senders, opts.translator),
        });
        return { workers: set.workers, close: () => set.close().finally(() => connection.disconnect()) };
      },
      { name: 'broadcast', logger },
    );
    workersReady = () => workers.ready();
    // Daily digests are started where the workers run (any number of processes: each starts once).
    const { startDueDigests, startDigestTimer } = await import('../broadcasts/digests.js');
    // Every minute: the due digests, and what follows the last hour's warning steps (a process that
    // died between a step and its queueing); at start the last day's (src/broadcasts/warning-follow-ups.ts).
    const catchUp = (back: number) => warnings.catchUp(Date.now() - back, Date.now() - CATCH_UP_AFTER_MS);
    catchUp(86_400_000).catch((err: unknown) => logger.warn({ err }, 'warnings catch-up failed'));
    const stopDigests = startDigestTimer(async () => {
      await startDueDigests(broadcasts, (id) => queue.start(id), new Date());
      await catchUp(3_600_000);
    }, logger);
    // The workers stop before the queue closes.
    closing.unshift(async () => {
      stopDigests();
      await workers.close();
    });
  }
  return {
    desk: createSubscriptionDesk(store, systemClock, opts.translator),
    // The record and its indexes, and the listings kept for the address's daily digests.
    forget: async (address) => {
      await store.delete(address);
      await broadcasts.forget(address);
    },
    warnings,
    ...(workersReady ? { workersReady } : {}),
    async close() {
      for (const close of closing)
        await close().catch((err: unknown) => logger.error({ err }, 'broadcast queue did not close cleanly'));
    },
  };
}

/**
 * The channels whose broadcasts this process can send, in any role: Telegram with a token (through the
 * Bot API); WhatsApp on Baileys (a worker hands its messages to the number's outbox in Redis,
 * src/channels/whatsapp/outbox-sender.ts) or on the Cloud API (a worker sends through the Graph API
 * itself, `startCloudSender` in src/channels/whatsapp-cloud/start.ts). Another channel's deliveries
 * wait in their queue for a process that can send them.
 */
export function sendableChannels(config: Config): BroadcastChannel[] {
  const whatsapp = config.whatsapp !== undefined || config.whatsappCloud !== undefined;
  return [...(config.telegram ? (['telegram'] as const) : []), ...(whatsapp ? (['whatsapp'] as const) : [])];
}

/** Officers' warnings over the report side's officer records (src/broadcasts/warning-desk.ts). */
async function warningDesk(
  opts: BroadcastSideOptions,
  redis: Redis,
  subscribers: SubscriptionStore,
  queue: BullBroadcastQueue,
) {
  const { createWarningDesk } = await import('../broadcasts/warning-desk.js');
  const { RedisWarningStore } = await import('../broadcasts/redis-warning-store.js');
  const { createWarningAccess } = await import('../reports/officer-access.js');
  const { config } = opts;
  return createWarningDesk({
    access: createWarningAccess(opts.officers),
    store: new RedisWarningStore(redis, createKeys(config.redisKeyPrefix).broadcasts),
    subscribers,
    start: (id) => queue.start(id),
    tell: (notices) => queue.tell(notices),
    areaName: opts.placeName,
    districtsIn: opts.districtsIn,
    limits: { perOfficer: config.broadcasts.warningsPerOfficer, perArea: config.broadcasts.warningsPerArea },
    clock: systemClock,
    logger: opts.logger,
  });
}
