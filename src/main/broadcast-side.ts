import type { Redis } from 'ioredis';
import { createFanOut } from '../broadcasts/fan-out.js';
import { MemorySubscriptionStore, type SubscriptionStore } from '../broadcasts/subscription-store.js';
import { createSubscriptionDesk } from '../broadcasts/subscription-desk.js';
import type { Config } from '../config/config.js';
import type { ChannelName } from '../core/message.js';
import { systemClock, type Logger, type MessageSender, type Translator } from '../core/ports.js';
import type { SubscriptionDesk } from '../core/subscriptions.js';
import type { Metrics } from '../observability/metrics.js';
import { createKeys } from '../storage/keys.js';
import { watchWorkers } from './worker-watchdog.js';

export interface BroadcastSide {
  /** The chat's side of opt-in alerts (`langganan`, STOP, `mulai`). */
  readonly desk: SubscriptionDesk;
  /** "Delete my data": the address's subscriptions and consent records. */
  readonly forget: (address: string) => Promise<void>;
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
  const closing: (() => Promise<void>)[] = [];
  let workersReady: (() => Promise<boolean>) | undefined;
  if (config.reports.workers) {
    const { BullBroadcastQueue, startBroadcastWorkers } = await import('../broadcasts/bull-broadcasts.js');
    const { createWorkerRedis } = await import('../storage/redis-client.js');
    const queue = new BullBroadcastQueue(
      redis,
      keys.bull,
      { attempts: config.reports.attempts, backoffMs: config.reports.retryDelayMs },
      (err) => logger.warn({ err }, 'broadcast queue connection problem'),
    );
    const fanOut = createFanOut({
      subscribers: store,
      broadcasts: new RedisBroadcastStore(redis, keys.broadcasts),
      senders: opts.senders,
      translator: opts.translator,
      logger,
      counted: (result) => opts.metrics.broadcast(result),
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
          perSecond: config.reports.alertsPerSecond,
          logger,
        });
        return { workers: set.workers, close: () => set.close().finally(() => connection.disconnect()) };
      },
      { name: 'broadcast', logger },
    );
    workersReady = () => workers.ready();
    closing.push(async () => {
      await workers.close();
      await queue.close();
    });
  }
  return {
    desk: createSubscriptionDesk(store, systemClock, opts.translator),
    forget: (address) => store.delete(address),
    ...(workersReady ? { workersReady } : {}),
    async close() {
      for (const close of closing)
        await close().catch((err: unknown) => logger.error({ err }, 'broadcast queue did not close cleanly'));
    },
  };
}
