import { GrammyError, type Bot, type Context } from 'grammy';
import type { Engine } from '../../core/engine.js';
import { DEFAULT_LOCALE, LOCALES, isRegional } from '../../core/locale.js';
import type { InboundMessage } from '../../core/message.js';
import type { Logger, Translator } from '../../core/ports.js';
import { renderTelegram, type TelegramMessage } from './render.js';
import { quickRetry } from './retry.js';
import { toInbound } from './to-inbound.js';
import type { UpdateClaim } from './update-claim.js';

export interface TelegramChannelOptions {
  /** The grammY bot, built by the composition root with its token and API root. */
  readonly bot: Bot;
  readonly engine: Engine;
  readonly logger: Logger;
  /** Retries of a rate-limited (429) or failed (5xx) call before giving up. */
  readonly maxRetries?: number;
  /**
   * Update ids shared with the bot's other processes (webhooks behind a load balancer): an update
   * another process took is dropped. Without it, duplicates are dropped within this process only.
   */
  readonly claim?: UpdateClaim;
}

export interface TelegramChannel {
  readonly bot: Bot;
  /** Chats whose user blocked the bot: nothing is sent to them until they write again. */
  readonly unreachable: ReadonlySet<number>;
}

/** Updates remembered to drop a second delivery of the same update (webhook retries). */
const SEEN_UPDATES = 10_000;

/** No link previews in any reply (shared, never changed). */
const NO_PREVIEW = { is_disabled: true } as const;

/**
 * A reply's `sendMessage` payload as grammY's `api.sendMessage(chatId, html, options)` builds it (the
 * same keys in the same order), written out in one object instead of two spreads of the options.
 */
const payloadOf = (chatId: number, m: TelegramMessage) =>
  m.keyboard
    ? {
        chat_id: chatId,
        text: m.html,
        parse_mode: 'HTML' as const,
        link_preview_options: NO_PREVIEW,
        reply_markup: m.keyboard,
      }
    : { chat_id: chatId, text: m.html, parse_mode: 'HTML' as const, link_preview_options: NO_PREVIEW };

/** True for the Bot API's answer to a user who blocked the bot or deleted their account. */
const isBlocked = (err: unknown): boolean => err instanceof GrammyError && err.error_code === 403;

/**
 * The Telegram channel on grammY: updates → engine → replies as HTML with inline buttons. Rate limits
 * and server errors are retried by grammY's auto-retry plugin (`quickRetry`); duplicate update ids are
 * dropped (across processes with `claim`); the buttons of an answered question are removed so they
 * cannot be pressed twice.
 */
export function createTelegramChannel(opts: TelegramChannelOptions): TelegramChannel {
  const bot = opts.bot;
  bot.api.config.use(quickRetry({ maxRetryAttempts: opts.maxRetries ?? 3, maxDelaySeconds: 60 }));
  // The bot's own API, not the one grammY builds for each update (`ctx.api`): that one gets the same
  // transformers copied from this one, and no webhook reply is configured, so a call goes out the same
  // way. The method is taken from the raw API once (its proxy binds a new function on every look-up);
  // transformers installed later still apply, as the client reads its chain on every call.
  const sendMessage = bot.api.raw.sendMessage;
  const unreachable = new Set<number>();
  // Recent update ids, each in the slot of its id modulo SEEN_UPDATES: Telegram numbers updates one
  // after the other, so a slot is reused only SEEN_UPDATES updates later. No hashing, no allocation,
  // and consecutive updates touch neighbouring memory.
  const seen = new Float64Array(SEEN_UPDATES).fill(-1);

  /** False for an update id seen among the last SEEN_UPDATES (a second delivery). */
  const firstDelivery = (id: number): boolean => {
    const slot = ((id % SEEN_UPDATES) + SEEN_UPDATES) % SEEN_UPDATES;
    if (seen[slot] === id) return false;
    seen[slot] = id;
    return true;
  };

  const answer = async (chatId: number, inbound: InboundMessage): Promise<void> => {
    unreachable.delete(chatId);
    const result = await opts.engine.handle(inbound);
    const messages = renderTelegram(result.messages);
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      if (!m) continue;
      try {
        await sendMessage(payloadOf(chatId, m));
      } catch (err) {
        if (!isBlocked(err)) throw err;
        unreachable.add(chatId);
        opts.logger.info({ channel: 'telegram' }, 'user blocked the bot; marked unreachable');
        return;
      }
    }
  };

  /** Answers a message or a button press of a private chat; ignores the rest. */
  const reply = (ctx: Context): Promise<void> | undefined => {
    const inbound = toInbound(ctx, new Date());
    const chatId = ctx.chat?.id;
    return inbound && chatId !== undefined ? answer(chatId, inbound) : undefined;
  };

  /** Acknowledges a press and takes the buttons off the answered message, then answers. */
  const press = async (ctx: Context, onMessage: boolean): Promise<void> => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    if (onMessage) await ctx.editMessageReplyMarkup().catch(() => undefined);
    await reply(ctx);
  };

  const dispatch = (ctx: Context, next: () => Promise<void>): Promise<void> | undefined => {
    const update = ctx.update;
    const query = update.callback_query;
    if (query?.data !== undefined) return press(ctx, query.message !== undefined);
    return update.message ? reply(ctx) : next();
  };
  const claim = opts.claim;

  // One middleware for every update instead of a filter per kind: grammY's `bot.on` builds a composer
  // for each update it looks at, which costs more than the checks themselves. Not async itself: a
  // message's promise is the answer's own.
  bot.use((ctx, next) => {
    if (!firstDelivery(ctx.update.update_id)) return undefined;
    if (!claim) return dispatch(ctx, next);
    // A retried delivery may reach another process; when Redis cannot tell, the update is answered.
    return claim(ctx.me.id, ctx.update.update_id).then(
      (first) => (first ? dispatch(ctx, next) : undefined),
      (err: unknown) => {
        opts.logger.warn({ err, channel: 'telegram' }, 'update id not checked in Redis; answering it');
        return dispatch(ctx, next);
      },
    );
  });
  bot.catch((err) => {
    opts.logger.error({ err: err.error, channel: 'telegram' }, 'update failed');
  });
  return { bot, unreachable };
}

/** Commands in the Telegram menu; descriptions come from `locales/<lng>/telegram.json`. */
export const COMMANDS = ['start', 'menu', 'bahasa', 'bantuan', 'tolong', 'hapus'] as const;

/**
 * The commands menu, in Indonesian by default and in English for English-language Telegram apps
 * (Telegram apps have no Javanese, Sundanese, Madurese or Sasak interface to match).
 */
export async function registerCommands(bot: Bot, translator: Translator): Promise<void> {
  for (const locale of LOCALES.filter((l) => !isRegional(l))) {
    const commands = COMMANDS.map((command) => ({
      command,
      description: translator.t(locale, `telegram.commands.${command}`),
    }));
    await bot.api.setMyCommands(commands, locale === DEFAULT_LOCALE ? {} : { language_code: locale });
  }
}
