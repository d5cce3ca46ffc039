import { existsSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { ContentError, buildEngine, loadCatalog } from './bootstrap.js';
import { Bot } from 'grammy';
import { makeWASocket } from '@whiskeysockets/baileys';
import { runConsoleChannel } from './channels/console/console-channel.js';
import { startWhatsApp, type WhatsAppChannel } from './channels/whatsapp/start.js';
import { serveTelegram } from './channels/telegram/serve.js';
import { createTelegramChannel } from './channels/telegram/telegram-channel.js';
import { createTranslator } from './i18n/translator.js';
import { loadConfig } from './config/config.js';
import { formatProblem } from './content/loader.js';
import { systemClock, type SessionStore } from './core/ports.js';
import { createLogger } from './observability/logger.js';
import { createKeys } from './storage/keys.js';
import { MemorySessionStore } from './storage/memory-session-store.js';
import { connectRedis, createRedis } from './storage/redis-client.js';
import { RedisSessionStore } from './storage/redis-session-store.js';

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
  const logger = createLogger({ level: config.log.level, format, fd: consoleMode ? 2 : 1 });

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

  let redis: Redis | undefined;
  let store: SessionStore;
  if (config.redisUrl) {
    redis = createRedis(config.redisUrl, {
      onError: (err) => logger.warn({ err }, 'redis connection problem'),
    });
    try {
      await connectRedis(redis, config.redisUrl);
    } catch (err) {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.stderr.write(
        'Start Redis or correct REDIS_URL; the bot needs it to keep sessions and reports.\n',
      );
      return 1;
    }
    store = new RedisSessionStore({
      redis,
      keys: createKeys(config.redisKeyPrefix),
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

  const engine = buildEngine({
    contentDir: config.contentDir,
    localesDir: config.localesDir,
    store,
    clock: systemClock,
    logger,
    defaultLocale: config.defaultLocale,
    content,
  });

  const closeStore = async () => {
    if (store instanceof RedisSessionStore) {
      await store.flush().catch((err: unknown) => logger.error({ err }, 'sessions not written before exit'));
      store.close();
    }
    await redis?.quit();
  };

  if (config.mode === 'service') {
    let whatsapp: WhatsAppChannel | undefined;
    if (config.whatsapp && redis) {
      const started = await startWhatsApp({
        redis,
        engine,
        translator: createTranslator(config.localesDir),
        logger,
        config: config.whatsapp,
        keyPrefix: config.redisKeyPrefix,
        makeSocket: makeWASocket,
      });
      if (!started.ok) {
        logger.error({ channel: 'whatsapp' }, started.reason);
        await closeStore();
        return 1;
      }
      whatsapp = started.channel;
    }
    const signalled = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    if (!config.telegram) {
      logger.info({ mode: config.mode, startupMs: Math.round(performance.now() - startedAt) }, 'ready');
      await signalled;
      await whatsapp?.stop();
      await closeStore();
      return 0;
    }
    const bot = new Bot(config.telegram.token, {
      ...(config.telegram.apiRoot ? { client: { apiRoot: config.telegram.apiRoot } } : {}),
    });
    const channel = createTelegramChannel({ bot, engine, logger });
    const serving = await serveTelegram(channel.bot, {
      ...(config.telegram.webhook ? { webhook: config.telegram.webhook } : {}),
      port: config.httpPort,
      logger,
      translator: createTranslator(config.localesDir),
    });
    logger.info({ mode: config.mode, startupMs: Math.round(performance.now() - startedAt) }, 'ready');
    await signalled;
    await serving.stop();
    await whatsapp?.stop();
    await closeStore();
    return 0;
  }

  logger.info({ mode: config.mode, startupMs: Math.round(performance.now() - startedAt) }, 'ready');
  const stop = () => process.stdin.destroy();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await runConsoleChannel({
    engine,
    input: process.stdin,
    output: process.stdout,
    interactive: isTerminal(process.stdin),
    user: config.consoleUser,
  });
  await closeStore();
  return 0;
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
