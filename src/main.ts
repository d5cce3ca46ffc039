import { existsSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { ContentError, buildEngine, loadCatalog, readIntentLists } from './bootstrap.js';
import { runConsoleChannel } from './channels/console/console-channel.js';
import type { WhatsAppChannel } from './channels/whatsapp/start.js';
import type { Serving } from './channels/telegram/serve.js';
import { createTranslator } from './i18n/translator.js';
import { loadConfig } from './config/config.js';
import { formatProblem } from './content/loader.js';
import type { ChannelName } from './core/message.js';
import { systemClock, type MessageSender, type SessionStore, type Translator } from './core/ports.js';
import { createConsoleSender } from './channels/console/console-sender.js';
import { createVillageFinder } from './content/village-finder.js';
import { DEMO_OFFICERS } from './officers/demo-officers.js';
import { startEscalationTimer } from './reports/escalation-timer.js';
import { createMemoryReports } from './reports/memory-reports.js';
import { createRedisReports } from './reports/redis-reports.js';
import type { ReportSideDeps, ReportSystem } from './reports/report-system.js';
import type { ReportStore } from './reports/report-store.js';
import type { OfficerDirectory } from './officers/officer.js';
import { createForgetDesk, createRedisReporterTraces, type ChannelForget } from './reports/forget.js';
import { createRegisterSide } from './reports/register-side.js';
import { createLogger } from './observability/logger.js';
import { notReady, ok, pingCheck, startHttpServer, type HttpServer } from './observability/http-server.js';
import { observeDesk, observeEngine, observeJobs } from './observability/instrument.js';
import { createMetrics } from './observability/metrics.js';
import { installShutdown } from './observability/shutdown.js';
import { createKeys } from './storage/keys.js';
import { MemorySessionStore } from './storage/memory-session-store.js';
import { RedisSessionStore } from './storage/redis-session-store.js';

/** Reports still `submitted` this long after being stored get their route job again. */
const SWEEP_AFTER_MS = 60_000;

const CONSOLE_MESSAGES_PER_MINUTE = 1_000_000;

/** The console with Redis waits at most this long for the report jobs a line set off. */
const CONSOLE_SETTLE_MS = 3000;

/** The console closes its queues, sessions and Redis within this long after the input ends or a signal. */
const CONSOLE_SHUTDOWN_MS = 5000;

/** Node types `isTTY` as boolean, but it is undefined on pipes. */
const isTerminal = (stream: { isTTY?: boolean }): boolean => stream.isTTY === true;

/** Composition root: the only place that reads the environment, opens Redis and starts channels. */
async function main(): Promise<number> {
  const startedAt = performance.now();
  if (existsSync('.env')) process.loadEnvFile('.env');
  const parsed = loadConfig(process.env);
  if (!parsed.ok) {
    for (const line of parsed.errors) process.stderr.write(`config error: ${line}\n`);
    process.stderr.write('See .env.example for every variable.\n');
    return 2;
  }
  const config = parsed.config;
  const consoleMode = config.mode === 'demo';
  // In an interactive console chat, log lines go to stderr in readable form unless LOG_FORMAT says otherwise.
  const format =
    consoleMode && isTerminal(process.stderr) && !process.env.LOG_FORMAT ? 'pretty' : config.log.format;
  const metrics = createMetrics({ processMetrics: !consoleMode });
  const logger = createLogger({
    level: config.log.level,
    format,
    fd: consoleMode ? 2 : 1,
    onError: metrics.logged,
  });

  let content;
  try {
    const loaded = loadCatalog(config.contentDir, systemClock.now());
    content = loaded;
    if (loaded.warnings.length > 0) {
      logger.warn(
        { warnings: loaded.warnings.length },
        'content needs attention: run `npm run content:check`',
      );
    }
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    for (const p of err.problems) process.stderr.write(`content error: ${formatProblem(p)}\n`);
    process.stderr.write('The bot does not start on invalid content. Run `npm run content:check`.\n');
    return 1;
  }

  let translator: Translator;
  try {
    translator = createTranslator(config.localesDir);
    readIntentLists(config.localesDir);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `config error: LOCALES_DIR: cannot read the translations in ${config.localesDir} (${reason})\n`,
    );
    return 2;
  }

  let redis: Redis | undefined;
  let store: SessionStore;
  const keys = createKeys(config.redisKeyPrefix);
  if (config.redisUrl) {
    // ioredis is loaded only when Redis is configured: the console demo starts without it.
    const { RedisDatabaseError, connectRedis, createRedis } = await import('./storage/redis-client.js');
    redis = createRedis(config.redisUrl, {
      onError: (err) => logger.warn({ err }, 'redis connection problem'),
    });
    try {
      await connectRedis(redis, config.redisUrl);
    } catch (err) {
      if (err instanceof RedisDatabaseError) {
        process.stderr.write(`config error: ${err.message}\n`);
        return 2;
      }
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.stderr.write(
        'Start Redis or correct REDIS_URL; the bot needs it to keep sessions and reports.\n',
      );
      return 1;
    }
    // Keys named by an older version are renamed before anything reads them (src/storage/key-migration.ts).
    const { migrateKeys } = await import('./storage/key-migration.js');
    let migrated;
    try {
      migrated = await migrateKeys(redis, config.redisKeyPrefix);
    } catch (err) {
      process.stderr.write(
        `cannot rename the Redis keys of an older version: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      redis.disconnect();
      return 1;
    }
    if (!migrated.current) logger.info({ ...migrated }, 'redis keys on the current layout');
    if (migrated.conflicts > 0)
      logger.error(
        { conflicts: migrated.conflicts },
        'old redis keys left in place: their new names are taken (see README, "Redis keys")',
      );
    store = new RedisSessionStore({
      redis,
      keys,
      idleTtlMs: config.sessionIdleTtlMs,
      clock: systemClock,
      cacheSize: config.sessionCacheSize,
      writeMode: config.sessionWriteMode,
      logger,
    });
  } else {
    store = new MemorySessionStore(config.sessionIdleTtlMs, systemClock);
    process.stderr.write(
      'Demo mode: no channel and no REDIS_URL configured; sessions are kept in memory only.\n',
    );
  }

  const villages = createVillageFinder();
  const senders: Partial<Record<ChannelName, MessageSender>> = {};
  if (consoleMode) senders.console = createConsoleSender(process.stdout, isTerminal(process.stdout));
  const areaName = (code: string) => content.catalog.areas.name(code);
  const reportSide: ReportSideDeps = {
    senders,
    translator,
    villages,
    clock: systemClock,
    logger,
    settings: { escalateAfterMs: config.reports.escalateAfterMs, perDay: config.reports.perDay },
    areaName,
    onAcknowledged: metrics.acknowledged,
  };
  const shutdownReports: (() => Promise<void>)[] = [];
  let settleReports: (() => Promise<void>) | undefined;
  let reports: ReportSystem & { readonly store: ReportStore; readonly officers: OfficerDirectory };
  /** Report keys outside the report records (drafts, links) that name a reporter, on Redis. */
  let reporterTraces: ((address: string) => Promise<void>) | undefined;
  /** "Delete my data": channels add their part as they start (like the senders). */
  const forgetChannels: Partial<Record<ChannelName, ChannelForget>> = {};
  if (redis && config.redisUrl) {
    // Loaded only when used: the console demo starts without BullMQ, grammY or Baileys.
    const { BullJobQueue, startBullWorkers } = await import('./reports/bull-queues.js');
    const queue = new BullJobQueue(
      redis,
      keys.bull,
      {
        attempts: config.reports.attempts,
        backoffMs: config.reports.retryDelayMs,
      },
      (err) => logger.warn({ err }, 'report queue connection problem'),
    );
    metrics.watchQueues(() => queue.depths());
    const onRedis = createRedisReports({ ...reportSide, redis, prefix: config.redisKeyPrefix, queue });
    reports = onRedis;
    metrics.watchUnrouted(async () => (await onRedis.store.codesByStatus('unrouted')).length);
    reporterTraces = createRedisReporterTraces(redis, config.redisKeyPrefix);
    if (config.reports.workers) {
      const { createWorkerRedis } = await import('./storage/redis-client.js');
      const workerRedis = createWorkerRedis(config.redisUrl, {
        onError: (err) => logger.warn({ err }, 'report worker connection problem'),
      });
      const workers = startBullWorkers(observeJobs(onRedis.pipeline.processors, metrics), {
        connection: workerRedis,
        prefix: keys.bull,
        concurrency: config.reports.concurrency,
        alertsPerSecond: config.reports.alertsPerSecond,
        logger,
      });
      // Reports stored whose route job never made it (Redis lost it, a crash between the two writes).
      const sweep = () =>
        onRedis.pipeline
          .sweep(SWEEP_AFTER_MS)
          .then((n) => n > 0 && logger.warn({ reports: n }, 'requeued reports that were never routed'))
          .catch((err: unknown) => logger.warn({ err }, 'report sweep failed'));
      void sweep();
      const timer = setInterval(() => void sweep(), SWEEP_AFTER_MS);
      timer.unref();
      const stopEscalations = startEscalationTimer(onRedis.pipeline, config.reports.escalateAfterMs, logger);
      shutdownReports.push(async () => {
        clearInterval(timer);
        stopEscalations();
        await workers.close();
        workerRedis.disconnect();
      });
    }
    shutdownReports.push(() => queue.close());
    if (consoleMode && config.reports.workers) {
      // The console prints alerts as they go out: after each line, wait (briefly) for the jobs it set off.
      settleReports = async () => {
        const until = Date.now() + CONSOLE_SETTLE_MS;
        try {
          while (Date.now() < until && (await queue.busy()) > 0) await new Promise((r) => setTimeout(r, 20));
        } catch (err) {
          // Redis went away: the reply already said what happened; do not end the chat over it.
          logger.warn({ err }, 'report jobs not awaited: the queue is unreachable');
        }
      };
    }
  } else {
    const inMemory = createMemoryReports(reportSide);
    for (const officer of DEMO_OFFICERS) await inMemory.officers.save(officer);
    process.stderr.write(
      `Demo reports: kept in memory, alerts go to demo officers (${DEMO_OFFICERS.map((o) => o.address).join(', ')}).\n`,
    );
    reports = inMemory;
    settleReports = () => inMemory.queue.idle();
    shutdownReports.push(async () => {
      await inMemory.queue.idle();
      inMemory.stop();
    });
  }

  const register = createRegisterSide({
    ...(redis ? { redis } : {}),
    prefix: config.redisKeyPrefix,
    officers: reports.officers,
    villages,
    areaName,
    retentionMonths: config.registerRetentionMonths,
    clock: systemClock,
    logger,
  });
  const forget = createForgetDesk({
    store: reports.store,
    officers: reports.officers,
    register: register.store,
    ...(reporterTraces ? { traces: reporterTraces } : {}),
    channels: forgetChannels,
    clock: systemClock,
    logger,
  });

  const engine = observeEngine(
    buildEngine({
      contentDir: config.contentDir,
      localesDir: config.localesDir,
      store,
      reports: observeDesk(reports.desk, metrics),
      officers: reports.officerDesk,
      villages,
      forget,
      register: register.desk,
      // The console is the operator's own terminal (and scripted demos type fast): no per-user limit there.
      userMessagesPerMinute: consoleMode ? CONSOLE_MESSAGES_PER_MINUTE : config.userMessagesPerMinute,
      languageListFirst: config.languageListFirst,
      translator,
      clock: systemClock,
      logger,
      defaultLocale: config.defaultLocale,
      content,
    }),
    metrics,
  );

  const closeStore = async () => {
    for (const close of shutdownReports) {
      await close().catch((err: unknown) => logger.error({ err }, 'report queue did not close cleanly'));
    }
    if (store instanceof RedisSessionStore) {
      await store.flush().catch((err: unknown) => logger.error({ err }, 'sessions not written before exit'));
      store.close();
    }
    await redis?.quit();
  };

  if (config.mode === 'service') {
    // One HTTP server: /healthz, /readyz, /metrics and the Telegram webhook.
    let http: HttpServer;
    try {
      http = await startHttpServer({
        port: config.httpPort,
        logger,
        metrics,
        checks: redis ? [pingCheck('redis', () => redis.ping())] : [],
      });
    } catch (err) {
      // A port in use: one line, then close what was opened so the process exits at once.
      process.stderr.write(
        `${err instanceof Error ? err.message : String(err)}; set HTTP_PORT to a free port\n`,
      );
      await closeStore();
      return 1;
    }
    const shutdown = installShutdown({ logger, onSignal: () => http.drain() });
    let whatsapp: WhatsAppChannel | undefined;
    if (config.whatsapp && redis) {
      const [{ makeWASocket }, { startWhatsApp }] = await Promise.all([
        import('@whiskeysockets/baileys'),
        import('./channels/whatsapp/start.js'),
      ]);
      const started = await startWhatsApp({
        redis,
        engine,
        translator,
        logger,
        config: config.whatsapp,
        keyPrefix: config.redisKeyPrefix,
        makeSocket: makeWASocket,
      });
      if (!started.ok) {
        logger.error({ channel: 'whatsapp' }, started.reason);
        await closeStore();
        await http.close();
        return 1;
      }
      whatsapp = started.channel;
      senders.whatsapp = whatsapp.sender;
      forgetChannels.whatsapp = (address) => started.channel.forget(address);
      const wa = whatsapp;
      http.addCheck({
        name: 'whatsapp',
        check: () => (wa.health().ready ? ok : notReady(wa.health().status)),
      });
    }
    let serving: Serving | undefined;
    if (config.telegram) {
      const [{ Bot }, { createTelegramChannel }, { createTelegramSender }, { serveTelegram }] =
        await Promise.all([
          import('grammy'),
          import('./channels/telegram/telegram-channel.js'),
          import('./channels/telegram/telegram-sender.js'),
          import('./channels/telegram/serve.js'),
        ]);
      const bot = new Bot(config.telegram.token, {
        ...(config.telegram.apiRoot ? { client: { apiRoot: config.telegram.apiRoot } } : {}),
      });
      const channel = createTelegramChannel({ bot, engine, logger });
      senders.telegram = createTelegramSender(bot.api);
      const telegram = await serveTelegram(channel.bot, {
        ...(config.telegram.webhook ? { webhook: config.telegram.webhook } : {}),
        http,
        logger,
        translator,
      });
      http.addCheck({ name: 'telegram', check: () => telegram.health() });
      serving = telegram;
    }
    setImmediate(() => villages.warm());
    logger.info({ mode: config.mode, startupMs: Math.round(performance.now() - startedAt) }, 'ready');
    await shutdown.signalled;
    // Intake first, then the turns already taken (a report being submitted is stored and answered),
    // then workers, queues, session writes and Redis; the HTTP server last, so /healthz answers throughout.
    const intake = serving;
    const wa = whatsapp;
    await shutdown.run([
      intake && { name: 'telegram', run: () => intake.stop() },
      wa && { name: 'whatsapp', run: () => wa.stop() },
      { name: 'turns in flight', run: () => engine.drain() },
      { name: 'reports, sessions and redis', run: closeStore },
      { name: 'http server', run: () => http.close() },
    ]);
    return 0;
  }

  // The console demo loads the village directory on the first look-up, not while showing the menu.
  logger.info({ mode: config.mode, startupMs: Math.round(performance.now() - startedAt) }, 'ready');
  // A signal ends the input; the stop is bounded (Redis may be gone) and a second signal ends it at once.
  const shutdown = installShutdown({
    logger,
    timeoutMs: CONSOLE_SHUTDOWN_MS,
    onSignal: () => process.stdin.destroy(),
  });
  let code = 0;
  try {
    await runConsoleChannel({
      engine,
      input: process.stdin,
      output: process.stdout,
      interactive: isTerminal(process.stdin),
      user: config.consoleUser,
      ...(settleReports ? { settle: settleReports } : {}),
    });
  } catch (err) {
    process.stderr.write(`console stopped: ${err instanceof Error ? err.message : String(err)}\n`);
    code = 1;
  }
  await shutdown.run([{ name: 'reports, sessions and redis', run: () => closeWithin(closeStore) }]);
  return code;
}

/** Runs `close`, giving up after CONSOLE_SHUTDOWN_MS (a dropped Redis must not keep the console open). */
async function closeWithin(close: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('closing took too long')), CONSOLE_SHUTDOWN_MS);
  });
  try {
    await Promise.race([close(), late]);
  } finally {
    clearTimeout(timer);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
