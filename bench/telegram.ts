import { inspect } from 'node:util';
import { Bot, type Transformer } from 'grammy';
import type { Message, Update, UserFromGetMe } from 'grammy/types';
import { createTelegramChannel } from '../src/channels/telegram/telegram-channel.js';
import { MESSAGE_CYCLE, type BenchEngine, type ThroughputOptions } from './engine-throughput.js';
import { drivePass, measureRate, silentLogger, telegramUserId, type RateResult } from './util.js';

/** Replies that mean the cycle went wrong: an infrastructure failure or a number not offered. */
const BAD_REPLIES = ['sistem sedang gangguan', 'Nomor itu tidak ada'];

export interface TelegramBench {
  readonly bot: Bot;
  readonly bench: BenchEngine;
  /** Outgoing API calls by method, answered locally instead of going to Telegram. */
  readonly calls: () => Readonly<Record<string, number>>;
  /** Errors the channel logged (an update that failed). */
  readonly channelErrors: readonly unknown[];
  readonly unreachable: ReadonlySet<number>;
  /** A fresh update id: grammY and the channel see every update once. */
  readonly nextUpdateId: () => number;
  /** The texts of the replies to `capture.chatId` while it is set. */
  readonly capture: { chatId: number | undefined; texts: string[] };
}

/**
 * Our Telegram channel on a grammY bot whose API calls never leave the process: an offline transformer,
 * installed before the channel's own (auto-retry), answers sendMessage, answerCallbackQuery and
 * editMessageReplyMarkup with plausible results. `botInfo` is the echo bot's, so no getMe is needed.
 */
export function createTelegramBench(
  bench: BenchEngine,
  botInfo: UserFromGetMe,
  token: string,
): TelegramBench {
  const bot = new Bot(token, { botInfo });
  const calls: Record<string, number> = {};
  const capture: TelegramBench['capture'] = { chatId: undefined, texts: [] };
  let messageId = 0;
  let updateId = 0;
  const offline: Transformer = (_prev, method, payload) => {
    calls[method] = (calls[method] ?? 0) + 1;
    let result: unknown = true;
    if (method === 'sendMessage') {
      const p = payload as { chat_id: number; text: string };
      if (capture.chatId === p.chat_id) capture.texts.push(p.text);
      const sent: Message.TextMessage = {
        message_id: ++messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: p.chat_id, type: 'private', first_name: 'User' },
        from: { id: botInfo.id, is_bot: true, first_name: botInfo.first_name },
        text: p.text,
      };
      result = sent;
    }
    return Promise.resolve({ ok: true, result } as Awaited<ReturnType<Transformer>>);
  };
  // Before createTelegramChannel, so the channel's auto-retry wraps this transport as it wraps the network.
  bot.api.config.use(offline);
  const logger = silentLogger();
  const channel = createTelegramChannel({ bot, engine: bench.engine, logger });
  return {
    bot,
    bench,
    calls: () => ({ ...calls }),
    channelErrors: logger.errors,
    unreachable: channel.unreachable,
    nextUpdateId: () => ++updateId,
    capture,
  };
}

/** A private-chat text message from user `chatId`, as Telegram delivers it. */
function textUpdate(updateId: number, chatId: number, text: string): Update {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'User' },
      from: { id: chatId, is_bot: false, first_name: 'User' },
      text,
    },
  };
}

/**
 * Sends the message cycle once through `bot.handleUpdate` for one fresh chat and checks the replies
 * captured at the transport: no failure or out-of-range number, and the cycle ends at the menu.
 */
export async function checkTelegramCycle(tg: TelegramBench, chatId: number): Promise<void> {
  const { texts } = tg.capture;
  texts.length = 0;
  tg.capture.chatId = chatId;
  try {
    for (const text of MESSAGE_CYCLE) {
      const before = texts.length;
      await tg.bot.handleUpdate(textUpdate(tg.nextUpdateId(), chatId, text));
      const replies = texts.slice(before);
      if (replies.length === 0) throw new Error(`telegram cycle: no reply to "${text}"`);
      const bad = BAD_REPLIES.find((b) => replies.some((r) => r.includes(b)));
      if (bad) throw new Error(`telegram cycle broken at "${text}": reply contains "${bad}"`);
    }
    const last = texts.at(-1) ?? '';
    if (!last.includes('Menu utama'))
      throw new Error(`telegram cycle ends at "${last.slice(0, 60)}", not the menu`);
  } finally {
    tg.capture.chatId = undefined;
  }
}

/** The same load shape as the engine benchmark. */
export type TelegramLoadOptions = ThroughputOptions;

/**
 * Updates per second through `bot.handleUpdate` → channel → engine → reply captured at the transport,
 * `users` private chats each sending the message cycle.
 */
export async function measureTelegramThroughput(
  tg: TelegramBench,
  opts: TelegramLoadOptions,
): Promise<RateResult> {
  const steps = MESSAGE_CYCLE.length * opts.passes;
  let sent = 0;
  const send = async (user: number, step: number): Promise<void> => {
    sent++;
    await tg.bot.handleUpdate(
      textUpdate(tg.nextUpdateId(), telegramUserId(user), MESSAGE_CYCLE[step % MESSAGE_CYCLE.length]!),
    );
  };
  const repliesBefore = tg.calls().sendMessage ?? 0;
  const result = await measureRate(async () => {
    const n = await drivePass({ users: opts.users, steps, concurrency: opts.concurrency, send });
    await opts.settle?.();
    return n;
  }, opts);
  const replies = (tg.calls().sendMessage ?? 0) - repliesBefore;
  const failures = [...tg.bench.errors, ...tg.channelErrors];
  if (failures.length > 0) {
    throw new Error(`telegram bench: ${failures.length} errors, first: ${inspect(failures[0])}`);
  }
  if (replies < sent) throw new Error(`telegram bench: ${replies} replies to ${sent} updates`);
  if (tg.unreachable.size > 0) throw new Error('telegram bench: chats marked unreachable');
  return result;
}
