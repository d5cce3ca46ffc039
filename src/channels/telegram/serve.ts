import type { IncomingMessage, ServerResponse } from 'node:http';
import { webhookCallback, type Bot } from 'grammy';
import type { Logger, Translator } from '../../core/ports.js';
import { registerCommands } from './telegram-channel.js';

/** Where the webhook handler is mounted: the bot's one HTTP server (`startHttpServer`). */
export interface WebhookHost {
  route(
    method: string,
    path: string,
    handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
  ): void;
}

export interface ServeOptions {
  /** Webhook mode: Telegram posts updates to `url`, with `secret` in a header that is checked. */
  readonly webhook?: { readonly url: string; readonly secret: string };
  /** Required in webhook mode: the server the webhook path is served on. */
  readonly http?: WebhookHost;
  readonly logger: Logger;
  readonly translator: Translator;
  /** Polling counts as healthy while a `getUpdates` succeeded this recently (long polls last 30 s). */
  readonly pollStaleMs?: number;
}

export type TelegramHealth = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface Serving {
  /**
   * Stops taking updates and waits for the updates already taken: the polled batch in progress, or
   * the webhook requests being answered (new ones get 503, and Telegram sends them again later).
   */
  stop(): Promise<void>;
  /** Ready while polling works (a recent successful `getUpdates`) or the webhook is set. */
  health(): TelegramHealth;
}

const POLL_STALE_MS = 90_000;

/**
 * Starts the bot: long polling by default (updates handled one after the other, so each chat is
 * answered in order), or a webhook on the project's HTTP server when a public URL is configured.
 */
export async function serveTelegram(bot: Bot, opts: ServeOptions): Promise<Serving> {
  await bot.init();
  await registerCommands(bot, opts.translator).catch((err: unknown) =>
    opts.logger.warn({ err }, 'could not register the commands menu'),
  );
  return opts.webhook ? serveWebhook(bot, opts.webhook, opts) : servePolling(bot, opts);
}

function servePolling(bot: Bot, opts: ServeOptions): Serving {
  const staleMs = opts.pollStaleMs ?? POLL_STALE_MS;
  let lastPoll = Date.now();
  let failure: string | undefined;
  // Only polls are watched: every other call (each reply) is passed on as it is, with no async frame
  // of its own.
  bot.api.config.use((prev, method, payload, signal) => {
    const res = prev(method, payload, signal);
    if (method !== 'getUpdates') return res;
    return res.then((answer) => {
      if (answer.ok) lastPoll = Date.now();
      return answer;
    });
  });
  // Resolves when the polling loop has ended and the last batch taken is answered.
  const polling = bot.start({ drop_pending_updates: false }).catch((err: unknown) => {
    // 401 (token revoked) or 409 (another process polls with this token): polling does not resume.
    failure = err instanceof Error ? err.message : String(err);
    opts.logger.error({ err, channel: 'telegram' }, 'telegram polling stopped');
  });
  opts.logger.info({ channel: 'telegram', mode: 'polling' }, 'telegram started');
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        await bot
          .stop()
          .catch((err: unknown) =>
            opts.logger.warn({ err, channel: 'telegram' }, 'last update offset not confirmed'),
          );
        await polling;
      })();
      return stopping;
    },
    health() {
      if (failure) return { ok: false, reason: `polling stopped: ${failure}` };
      if (stopping) return { ok: false, reason: 'stopped' };
      if (!bot.isRunning()) return { ok: false, reason: 'not polling' };
      const since = Date.now() - lastPoll;
      return since <= staleMs
        ? { ok: true }
        : { ok: false, reason: `no successful poll for ${Math.round(since / 1000)} s` };
    },
  };
}

async function serveWebhook(
  bot: Bot,
  webhook: { readonly url: string; readonly secret: string },
  opts: ServeOptions,
): Promise<Serving> {
  if (!opts.http) throw new Error('webhook mode needs the HTTP server to mount the webhook on');
  const path = new URL(webhook.url).pathname;
  // grammY checks the X-Telegram-Bot-Api-Secret-Token header against the secret (401 otherwise).
  const handle = webhookCallback(bot, 'http', { secretToken: webhook.secret });
  const running = new Set<Promise<unknown>>();
  let accepting = true;
  opts.http.route('POST', path, (req, res) => {
    if (!accepting) {
      res.writeHead(503, { 'retry-after': '5' }).end();
      return;
    }
    const done = handle(req, res);
    running.add(done);
    return done.finally(() => running.delete(done));
  });
  await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret });
  opts.logger.info({ channel: 'telegram', mode: 'webhook' }, 'telegram started');
  return {
    async stop() {
      accepting = false;
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    health: () => (accepting ? { ok: true } : { ok: false, reason: 'stopped' }),
  };
}
