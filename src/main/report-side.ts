import type { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import type { RedisSettings } from '../config/redis-config.js';
import type { ChannelName } from '../core/message.js';
import { systemClock, type Logger, type MessageSender, type Translator } from '../core/ports.js';
import type { VillageFinder } from '../core/report.js';
import { DEMO_OFFICERS } from '../officers/demo-officers.js';
import type { OfficerDirectory } from '../officers/officer.js';
import type { Metrics } from '../observability/metrics.js';
import { observeJobs } from '../observability/instrument.js';
import { startEscalationTimer } from '../reports/escalation-timer.js';
import { createRedisReporterTraces } from '../reports/forget.js';
import { createMemoryReports } from '../reports/memory-reports.js';
import { createRedisReports } from '../reports/redis-reports.js';
import type { ReportStore } from '../reports/report-store.js';
import type { ReportSideDeps, ReportSystem } from '../reports/report-system.js';
import { createKeys } from '../storage/keys.js';
import { replicaWaitQueue } from './replica-wait.js';
import { watchWorkers } from './worker-watchdog.js';

/** Reports still `submitted` this long after being stored get their route job again. */
const SWEEP_AFTER_MS = 60_000;

/** The console with Redis waits at most this long for the report jobs a line set off. */
const CONSOLE_SETTLE_MS = 3000;

export interface ReportSide {
  readonly reports: ReportSystem & { readonly store: ReportStore; readonly officers: OfficerDirectory };
  /** Report keys outside the report records (drafts, links) that name a reporter, on Redis. */
  readonly reporterTraces?: (address: string) => Promise<void>;
  /** Whether the report workers run here and are connected (undefined: no workers here). */
  readonly workersReady?: () => Promise<boolean>;
  /** The console waits for the jobs a line set off, so their alerts print under it. */
  readonly settle?: () => Promise<void>;
  /** Stops workers and timers, then closes the queues. */
  close(): Promise<void>;
}

export interface ReportSideOptions {
  readonly config: Config;
  readonly redis?: Redis;
  readonly consoleMode: boolean;
  /** Channel senders; channels started later add theirs (the workers read it at each send). */
  readonly senders: Partial<Record<ChannelName, MessageSender>>;
  /** Resolves once the channels have started and set their senders; the workers' deliveries wait for it. */
  readonly sendersReady?: Promise<unknown>;
  readonly translator: Translator;
  readonly villages: VillageFinder;
  readonly areaName: (code: string) => string | undefined;
  readonly metrics: Metrics;
  readonly logger: Logger;
}

/**
 * The report side: on Redis with BullMQ (and its workers, the sweep and the escalation timer when this
 * process runs them), or in memory with the demo officers.
 */
export async function startReportSide(opts: ReportSideOptions): Promise<ReportSide> {
  const { config, logger, metrics } = opts;
  const deps: ReportSideDeps = {
    senders: opts.senders,
    ...(opts.sendersReady ? { sendersReady: opts.sendersReady } : {}),
    translator: opts.translator,
    villages: opts.villages,
    clock: systemClock,
    logger,
    settings: { escalateAfterMs: config.reports.escalateAfterMs, perDay: config.reports.perDay },
    areaName: opts.areaName,
    onAcknowledged: metrics.acknowledged,
  };
  if (opts.redis && config.redis) return startOnRedis(opts, deps, opts.redis, config.redis);

  const inMemory = createMemoryReports(deps);
  for (const officer of DEMO_OFFICERS) await inMemory.officers.save(officer);
  process.stderr.write(
    `Demo reports: kept in memory, alerts go to demo officers (${DEMO_OFFICERS.map((o) => o.address).join(', ')}).\n`,
  );
  return {
    reports: inMemory,
    settle: () => inMemory.queue.idle(),
    async close() {
      await inMemory.queue.idle();
      inMemory.stop();
    },
  };
}

async function startOnRedis(
  opts: ReportSideOptions,
  deps: ReportSideDeps,
  shared: Redis,
  where: RedisSettings,
): Promise<ReportSide> {
  const { config, logger, metrics } = opts;
  const keys = createKeys(config.redisKeyPrefix);
  // Loaded only when used: the console demo starts without BullMQ, grammY or Baileys.
  const { BullJobQueue, startBullWorkers } = await import('../reports/bull-queues.js');
  const { connectRedis, createRedis, createWorkerRedis } = await import('../storage/redis-client.js');
  // Waiting for replicas blocks the connection that waits: the report side then has its own.
  const own =
    where.waitReplicas > 0
      ? createRedis(where, { onError: (err) => logger.warn({ err }, 'report connection problem') })
      : undefined;
  if (own) await connectRedis(own, where);
  const redis = own ?? shared;
  const queue = new BullJobQueue(
    redis,
    keys.bull,
    { attempts: config.reports.attempts, backoffMs: config.reports.retryDelayMs },
    (err) => logger.warn({ err }, 'report queue connection problem'),
  );
  metrics.watchQueues(() => queue.depths());
  const onRedis = createRedisReports({
    ...deps,
    redis,
    prefix: config.redisKeyPrefix,
    queue: where.waitReplicas > 0 ? replicaWaitQueue(queue, redis, where.waitReplicas) : queue,
  });
  metrics.watchUnrouted(async () => (await onRedis.store.codesByStatus('unrouted')).length);
  const closing: (() => Promise<void>)[] = [];
  let workersReady: (() => Promise<boolean>) | undefined;
  if (config.reports.workers) {
    const processors = observeJobs(onRedis.pipeline.processors, metrics);
    // Each set of workers gets its own connection, so a set started again after a failover starts afresh.
    const workers = watchWorkers(
      () => {
        const connection = createWorkerRedis(where, {
          onError: (err) => logger.warn({ err }, 'report worker connection problem'),
        });
        const set = startBullWorkers(processors, {
          connection,
          prefix: keys.bull,
          concurrency: config.reports.concurrency,
          lockMs: config.reports.lockMs,
          alertsPerSecond: config.reports.alertsPerSecond,
          logger,
        });
        return {
          workers: set.workers,
          close: () => set.close().finally(() => connection.disconnect()),
        };
      },
      { name: 'report', logger },
    );
    workersReady = () => workers.ready();
    // Reports stored but never routed (their jobs were lost with Redis, or a crash came between the writes).
    const sweep = () =>
      onRedis.pipeline
        .sweep(SWEEP_AFTER_MS)
        .then((n) => n > 0 && logger.warn({ reports: n }, 'requeued reports that were never routed'))
        .catch((err: unknown) => logger.warn({ err }, 'report sweep failed'));
    void sweep();
    const timer = setInterval(() => void sweep(), SWEEP_AFTER_MS);
    timer.unref();
    const stopEscalations = startEscalationTimer(onRedis.pipeline, config.reports.escalateAfterMs, logger);
    closing.push(async () => {
      clearInterval(timer);
      stopEscalations();
      await workers.close();
    });
  }
  closing.push(() => queue.close());
  if (own) closing.push(() => own.quit().then(() => undefined));
  // The console prints alerts as they go out: after each line, wait (briefly) for the jobs it set off.
  const settle =
    opts.consoleMode && config.reports.workers
      ? async () => {
          const until = Date.now() + CONSOLE_SETTLE_MS;
          try {
            while (Date.now() < until && (await queue.busy()) > 0)
              await new Promise((r) => setTimeout(r, 20));
          } catch (err) {
            // Redis went away: the reply already said what happened; do not end the chat over it.
            logger.warn({ err }, 'report jobs not awaited: the queue is unreachable');
          }
        }
      : undefined;
  return {
    reports: onRedis,
    reporterTraces: createRedisReporterTraces(redis, config.redisKeyPrefix),
    ...(settle ? { settle } : {}),
    ...(workersReady ? { workersReady } : {}),
    async close() {
      for (const close of closing)
        await close().catch((err: unknown) => logger.error({ err }, 'report queue did not close cleanly'));
    },
  };
}
