import { createServer, type Server } from 'node:http';
import { webhookCallback, type Bot } from 'grammy';
import type { Logger, Translator } from '../../core/ports.js';
import { registerCommands } from './telegram-channel.js';

export interface ServeOptions {
  /** Webhook mode: Telegram posts updates to `url`, with `secret` in a header that is checked. */
  readonly webhook?: { readonly url: string; readonly secret: string };
  readonly port: number;
  readonly logger: Logger;
  readonly translator: Translator;
}

export interface Serving {
  /** Stops taking updates and lets the update in progress finish. */
  stop(): Promise<void>;
}

/**
 * Starts the bot: long polling by default (updates handled one after the other, so each chat is
 * answered in order), or a webhook served on `port` when a public URL is configured.
 */
export async function serveTelegram(bot: Bot, opts: ServeOptions): Promise<Serving> {
  await bot.init();
  await registerCommands(bot, opts.translator).catch((err: unknown) =>
    opts.logger.warn({ err }, 'could not register the commands menu'),
  );
  if (!opts.webhook) {
    void bot.start({ drop_pending_updates: false });
    opts.logger.info({ channel: 'telegram', mode: 'polling' }, 'telegram started');
    return { stop: () => bot.stop() };
  }
  const path = new URL(opts.webhook.url).pathname;
  const handle = webhookCallback(bot, 'http', { secretToken: opts.webhook.secret });
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === path) {
      void handle(req, res);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(opts.port, resolve));
  await bot.api.setWebhook(opts.webhook.url, { secret_token: opts.webhook.secret });
  opts.logger.info({ channel: 'telegram', mode: 'webhook', port: opts.port }, 'telegram started');
  return {
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
