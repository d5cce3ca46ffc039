import { buildEngine } from './bootstrap.js';
import { createConsoleSender } from './channels/console/console-sender.js';
import { createVillageFinder } from './content/village-finder.js';
import { callCentreOf } from './core/catalog.js';
import type { ChannelName } from './core/message.js';
import { systemClock, type MessageSender } from './core/ports.js';
import { observeDesk, observeEngine } from './observability/instrument.js';
import { createForgetDesk, type ChannelForget } from './reports/forget.js';
import { createRegisterSide } from './reports/register-side.js';
import { startBroadcastSide } from './main/broadcast-side.js';
import { deskMount } from './main/desk-side.js';
import { runConsole } from './main/console.js';
import { startReportSide } from './main/report-side.js';
import { runService } from './main/service.js';
import { openSessions } from './main/sessions.js';
import { sendersGate } from './main/senders-gate.js';
import { isTerminal, start } from './main/startup.js';

const CONSOLE_MESSAGES_PER_MINUTE = 1_000_000;

/**
 * Composition root: the only place (with its parts in main/) that reads the environment, opens Redis
 * and starts channels. The parts, by role: startup (configuration, logs, content, translations),
 * sessions (Redis and the session store), report-side (queues, workers, timers, or the demo's memory),
 * service (HTTP, WhatsApp, Telegram, shutdown) and console.
 */
async function main(): Promise<number> {
  const startedAt = performance.now();
  const started = start();
  if (typeof started === 'number') return started;
  const { config, consoleMode, logger, metrics, content, translator } = started;

  const sessions = await openSessions(config, logger);
  if (typeof sessions === 'number') return sessions;
  const { redis, store } = sessions;

  const villages = createVillageFinder();
  // Channels add their sender as they start; the report workers read this object at each send, once
  // the gate is open (the service opens it when its channels have started).
  const senders: Partial<Record<ChannelName, MessageSender>> = {};
  if (consoleMode) senders.console = createConsoleSender(process.stdout, isTerminal(process.stdout));
  const gate = sendersGate();
  if (config.mode !== 'service') gate.open();
  const areaName = (code: string) => content.catalog.areas.name(code);
  const reportSide = await startReportSide({
    config,
    ...(redis ? { redis } : {}),
    consoleMode,
    senders,
    sendersReady: gate.ready,
    translator,
    villages,
    areaName,
    metrics,
    logger,
  });
  const { reports } = reportSide;
  const broadcastSide = await startBroadcastSide({
    config,
    ...(redis ? { redis } : {}),
    senders,
    translator,
    metrics,
    logger,
    officers: reports.officers,
    placeName: (code) => {
      const v = villages.byCode(code);
      return v ? `${v.name}, ${v.district}` : areaName(code);
    },
    districtsIn: (province) => content.catalog.areas.districtsIn(province),
  });
  const officerDesk = broadcastSide.warnings
    ? { ...reports.officerDesk, warnings: broadcastSide.warnings }
    : reports.officerDesk;

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
  /** "Delete my data": channels add their part as they start (like the senders). */
  const forgetChannels: Partial<Record<ChannelName, ChannelForget>> = {};
  const forget = createForgetDesk({
    store: reports.store,
    officers: reports.officers,
    register: register.store,
    ...(reportSide.reporterTraces ? { traces: reportSide.reporterTraces } : {}),
    subscriptions: broadcastSide.forget,
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
      officers: officerDesk,
      villages,
      forget,
      register: register.desk,
      subscriptions: broadcastSide.desk,
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

  /** Report and broadcast workers and queues, then session writes, then Redis. */
  const closeAll = async () => {
    gate.close();
    await broadcastSide.close();
    await reportSide
      .close()
      .catch((err: unknown) => logger.error({ err }, 'report queue did not close cleanly'));
    await sessions.close();
    await redis?.quit();
  };

  const mountDesk = deskMount({
    config,
    ...(redis ? { redis } : {}),
    reports,
    register: register.store,
    villages,
    agencies: content.catalog.agencies,
    translator,
    senders,
    logger,
  });
  if (config.mode === 'service')
    return runService({
      ...(mountDesk ? { mountDesk } : {}),
      config,
      ...(redis ? { redis } : {}),
      engine,
      translator,
      callCentre: callCentreOf(content.catalog),
      logger,
      metrics,
      senders,
      channelsStarted: () => gate.open(),
      forgetChannels,
      warm: () => villages.warm(),
      closeAll,
      workersReady: async () =>
        (await (reportSide.workersReady?.() ?? true)) && (await (broadcastSide.workersReady?.() ?? true)),
      startedAt,
    });
  return runConsole({
    config,
    engine,
    logger,
    ...(reportSide.settle ? { settle: reportSide.settle } : {}),
    closeAll,
    startedAt,
  });
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
