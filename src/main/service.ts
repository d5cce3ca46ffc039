import type { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import type { ChannelName } from '../core/message.js';
import type { MessageSender, Translator } from '../core/ports.js';
import type { Logger } from 'pino';
import type { WhatsAppChannel } from '../channels/whatsapp/start.js';
import type { CloudChannel } from '../channels/whatsapp-cloud/channel.js';
import type { CloudSenderOptions } from '../channels/whatsapp-cloud/start.js';
import type { Serving } from '../channels/telegram/serve.js';
import type { ChannelForget } from '../reports/forget.js';
import {
  notReady,
  ok,
  pingCheck,
  startHttpServer,
  type HttpServer,
  type ReadinessCheck,
} from '../observability/http-server.js';
import type { ObservedEngine } from '../observability/instrument.js';
import type { Metrics } from '../observability/metrics.js';
import { installShutdown } from '../observability/shutdown.js';
import { createKeys } from '../storage/keys.js';
import { cloudRedisParts, whatsAppRedisParts } from './channel-parts.js';

export interface ServiceOptions {
  readonly config: Config;
  readonly redis?: Redis;
  readonly engine: ObservedEngine;
  readonly translator: Translator;
  /** The KP2MI call centre's number the voice-note text names (from content, `callCentreOf`). */
  readonly callCentre: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Channels add their sender here as they start (the report workers read it at each send). */
  readonly senders: Partial<Record<ChannelName, MessageSender>>;
  /** Called once the channels of this process have set their senders (the workers' deliveries wait). */
  readonly channelsStarted?: () => void;
  /** Channels add their part of "delete my data" here as they start. */
  readonly forgetChannels: Partial<Record<ChannelName, ChannelForget>>;
  /** Warms what the first users would otherwise wait for (the village directory). */
  readonly warm: () => void;
  /** Closes the report side, sessions and Redis. */
  readonly closeAll: () => Promise<void>;
  /** Whether this process's report and broadcast workers are up (none here: always true). */
  readonly workersReady?: () => Promise<boolean>;
  readonly startedAt: number;
  /** Adds the officers' desk to the HTTP server (DESK_ENABLED). */
  readonly mountDesk?: (http: HttpServer) => void;
}

/**
 * Service mode: the HTTP server (/healthz, /readyz, /metrics, the Telegram webhook), WhatsApp and
 * Telegram, then a wait for SIGTERM/SIGINT and an orderly stop. Returns the exit code.
 */
export async function runService(opts: ServiceOptions): Promise<number> {
  const { config, logger, redis } = opts;
  // Not ready until every channel has started: a balancer must not send a webhook to a process that
  // does not serve its path yet (DESIGN §10). The workers are checked too (after a failover).
  let starting = true;
  const started: ReadinessCheck = {
    name: 'startup',
    check: () => (starting ? notReady('channels starting') : ok),
  };
  const workers = opts.workersReady;
  const checks: ReadinessCheck[] = [
    ...(redis ? [pingCheck('redis', () => redis.ping())] : []),
    started,
    ...(workers
      ? [{ name: 'workers', check: async () => ((await workers()) ? ok : notReady('not connected')) }]
      : []),
  ];
  let http: HttpServer;
  try {
    http = await startHttpServer({ port: config.httpPort, logger, metrics: opts.metrics, checks });
  } catch (err) {
    // A port in use: one line, then close what was opened so the process exits at once.
    process.stderr.write(
      `${err instanceof Error ? err.message : String(err)}; set HTTP_PORT to a free port\n`,
    );
    await opts.closeAll();
    return 1;
  }
  opts.mountDesk?.(http);
  const shutdown = installShutdown({ logger, onSignal: () => http.drain() });
  if (config.role === 'worker')
    return runWorker(opts, http, shutdown, () => {
      starting = false;
    });
  let whatsapp: WhatsAppChannel | undefined;
  if (config.whatsapp && redis) {
    const started = await startWhatsAppChannel(opts, redis, config.whatsapp);
    if (!started.ok) return notStarted(opts, http, started.reason);
    const channel = started.channel;
    whatsapp = channel;
    http.addCheck({
      name: 'whatsapp',
      check: () => (channel.health().ready ? ok : notReady(channel.health().status)),
    });
  }
  let cloud: CloudChannel | undefined;
  if (config.whatsappCloud && redis) {
    const started = await startCloudChannel(opts, redis, config.whatsappCloud, http);
    if (!started.ok) return notStarted(opts, http, started.reason);
    cloud = started.channel;
  }
  const telegram = config.telegram ? await startTelegram(opts, config.telegram, http) : undefined;
  opts.channelsStarted?.();
  starting = false;
  setImmediate(opts.warm);
  logger.info(
    { mode: config.mode, role: config.role, startupMs: Math.round(performance.now() - opts.startedAt) },
    'ready',
  );
  await shutdown.signalled;
  const wa = whatsapp;
  const wac = cloud;
  // Intake first, then the turns already taken (a report being submitted is stored and answered),
  // then workers, queues, session writes and Redis; the HTTP server last, so /healthz answers throughout.
  await shutdown.run([
    telegram && { name: 'telegram', run: () => telegram.stop() },
    wa && { name: 'whatsapp', run: () => wa.stop() },
    wac && { name: 'whatsapp cloud', run: () => wac.stop() },
    { name: 'turns in flight', run: () => opts.engine.drain() },
    { name: 'reports, sessions and redis', run: opts.closeAll },
    { name: 'http server', run: () => http.close() },
  ]);
  return 0;
}

/**
 * ROLE=worker: no channel takes messages. The report and broadcast workers (started with the report
 * side) send alerts through Telegram's API when a token is set, through the Graph API with the Cloud
 * API (its sender without the webhook: `startCloudSender`), and hand WhatsApp (Baileys) messages to
 * the number's outbox in Redis, which the process running the number sends. /healthz, /readyz (Redis)
 * and /metrics answer until SIGTERM.
 */
async function runWorker(
  opts: ServiceOptions,
  http: HttpServer,
  shutdown: ReturnType<typeof installShutdown>,
  ready: () => void,
): Promise<number> {
  const { config, logger } = opts;
  if (config.telegram) {
    const [{ Bot }, { autoRetry }, { createTelegramSender }] = await Promise.all([
      import('grammy'),
      import('@grammyjs/auto-retry'),
      import('../channels/telegram/telegram-sender.js'),
    ]);
    const bot = new Bot(config.telegram.token, {
      ...(config.telegram.apiRoot ? { client: { apiRoot: config.telegram.apiRoot } } : {}),
    });
    bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
    opts.senders.telegram = createTelegramSender(bot.api);
  }
  if (config.whatsapp && opts.redis) {
    // Baileys: messages go into the number's outbox in Redis; the process holding its lease sends them.
    const { createOutboxSender } = await import('../channels/whatsapp/outbox-sender.js');
    opts.senders.whatsapp = createOutboxSender({
      redis: opts.redis,
      parts: whatsAppRedisParts(opts.redis, createKeys(config.redisKeyPrefix), config.whatsapp.account),
      logger,
    });
  } else if (config.whatsappCloud && opts.redis) {
    // The Cloud API: this process sends through the Graph API itself (the number's state is in Redis).
    const { startCloudSender } = await import('../channels/whatsapp-cloud/start.js');
    const started = await startCloudSender(await cloudSending(opts, opts.redis, config.whatsappCloud));
    if (!started.ok) return notStarted(opts, http, started.reason);
    opts.senders.whatsapp = started.sender;
  }
  opts.channelsStarted?.();
  ready();
  logger.info(
    { mode: config.mode, role: config.role, startupMs: Math.round(performance.now() - opts.startedAt) },
    'ready',
  );
  await shutdown.signalled;
  await shutdown.run([
    { name: 'reports, sessions and redis', run: opts.closeAll },
    { name: 'http server', run: () => http.close() },
  ]);
  return 0;
}

/** WhatsApp (Baileys): loaded only when configured; its sender and "forget" join the report side. */
async function startWhatsAppChannel(
  opts: ServiceOptions,
  redis: Redis,
  whatsapp: NonNullable<Config['whatsapp']>,
): Promise<{ ok: true; channel: WhatsAppChannel } | { ok: false; reason: string }> {
  const [{ makeWASocket }, { startWhatsApp }] = await Promise.all([
    import('@whiskeysockets/baileys'),
    import('../channels/whatsapp/start.js'),
  ]);
  const started = await startWhatsApp({
    redis,
    engine: opts.engine,
    translator: opts.translator,
    callCentre: opts.callCentre,
    logger: opts.logger,
    config: whatsapp,
    parts: whatsAppRedisParts(redis, createKeys(opts.config.redisKeyPrefix), whatsapp.account),
    makeSocket: makeWASocket,
  });
  if (!started.ok) return started;
  opts.senders.whatsapp = started.channel.sender;
  opts.forgetChannels.whatsapp = (address) => started.channel.forget(address);
  return started;
}

/** WhatsApp Cloud API: the webhook on the HTTP server; its sender and "forget" join the report side. */
async function startCloudChannel(
  opts: ServiceOptions,
  redis: Redis,
  cloud: NonNullable<Config['whatsappCloud']>,
  http: HttpServer,
): Promise<{ ok: true; channel: CloudChannel } | { ok: false; reason: string }> {
  const [{ startWhatsAppCloud }, { Counter }] = await Promise.all([
    import('../channels/whatsapp-cloud/start.js'),
    import('prom-client'),
  ]);
  const statuses = new Counter({
    name: 'demimas_whatsapp_cloud_statuses_total',
    help: 'Delivery statuses the WhatsApp Cloud API reported for sent messages',
    labelNames: ['status'],
    registers: [opts.metrics.registry],
  });
  const started = await startWhatsAppCloud({
    ...(await cloudSending(opts, redis, cloud)),
    engine: opts.engine,
    callCentre: opts.callCentre,
    config: cloud,
    http,
    onStatus: (status) => statuses.inc({ status }),
  });
  if (!started.ok) return started;
  opts.senders.whatsapp = started.channel.sender;
  opts.forgetChannels.whatsapp = (address) => started.channel.forget(address);
  http.addCheck({
    name: 'whatsapp',
    check: () => (started.channel.accepting() ? ok : notReady('stopped')),
  });
  return started;
}

/**
 * What sending on the Cloud API number gets from main, in the channel and in a worker alike: its keys
 * and scripts from storage/, and the WhatsApp media store over its media keys.
 */
async function cloudSending(
  opts: ServiceOptions,
  redis: Redis,
  cloud: NonNullable<Config['whatsappCloud']>,
): Promise<CloudSenderOptions> {
  const { createRedisMediaStore } = await import('../channels/whatsapp/media.js');
  return {
    redis,
    translator: opts.translator,
    logger: opts.logger,
    config: cloud,
    parts: cloudRedisParts(createKeys(opts.config.redisKeyPrefix), cloud.phoneNumberId),
    media: (keys) => createRedisMediaStore(redis, keys.media, undefined, keys.mediaBy),
  };
}

/** A channel (or a worker's sender) did not start: its reason logged, what was opened closed; exit 1. */
async function notStarted(opts: ServiceOptions, http: HttpServer, reason: string): Promise<number> {
  opts.logger.error({ channel: 'whatsapp' }, reason);
  await opts.closeAll();
  await http.close();
  return 1;
}

/** Telegram (grammY): long polling, or the webhook on the HTTP server; loaded only when configured. */
async function startTelegram(
  opts: ServiceOptions,
  telegram: NonNullable<Config['telegram']>,
  http: HttpServer,
): Promise<Serving> {
  const [
    { Bot },
    { createTelegramChannel },
    { createTelegramSender },
    { serveTelegram },
    { createRedisUpdateClaim },
  ] = await Promise.all([
    import('grammy'),
    import('../channels/telegram/telegram-channel.js'),
    import('../channels/telegram/telegram-sender.js'),
    import('../channels/telegram/serve.js'),
    import('../channels/telegram/update-claim.js'),
  ]);
  const bot = new Bot(telegram.token, {
    ...(telegram.apiRoot ? { client: { apiRoot: telegram.apiRoot } } : {}),
  });
  // Webhooks may reach several bot processes: update ids are shared in Redis (one process polls).
  const claim =
    telegram.webhook && opts.redis
      ? createRedisUpdateClaim(opts.redis, createKeys(opts.config.redisKeyPrefix))
      : undefined;
  const channel = createTelegramChannel({
    bot,
    engine: opts.engine,
    logger: opts.logger,
    ...(claim ? { claim } : {}),
  });
  opts.senders.telegram = createTelegramSender(bot.api);
  const serving = await serveTelegram(channel.bot, {
    ...(telegram.webhook ? { webhook: telegram.webhook } : {}),
    http,
    logger: opts.logger,
    translator: opts.translator,
  });
  http.addCheck({ name: 'telegram', check: () => serving.health() });
  return serving;
}
