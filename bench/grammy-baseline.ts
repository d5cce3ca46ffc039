import { RedisAdapter } from '@grammyjs/storage-redis';
import { Bot, session, type Context, type SessionFlavor, type Transformer } from 'grammy';
import type { Message, Update, UserFromGetMe } from 'grammy/types';
import type { Redis } from 'ioredis';
import { BOT_INFO as TEST_BOT_INFO } from '../test/helpers/fake-bot-api.js';
import { drivePass, measureRate, telegramUserId, type RateResult } from './util.js';

interface EchoSession {
  n: number;
}
type EchoContext = Context & SessionFlavor<EchoSession>;

/** The fake bot's identity, shared with the tests' local Bot API server. */
const BOT_INFO: UserFromGetMe = {
  ...TEST_BOT_INFO,
  id: 123456,
  first_name: 'Bench Echo',
  username: 'bench_echo_bot',
};

const fakeSent = (chatId: number, text: string): Message.TextMessage => ({
  message_id: 1,
  date: Math.floor(Date.now() / 1000),
  chat: { id: chatId, type: 'private', first_name: 'User' },
  from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name },
  text,
});

export interface EchoBot {
  readonly bot: Bot<EchoContext>;
  /** Outgoing API calls, answered locally instead of going to Telegram. */
  readonly calls: () => number;
}

/** A bare grammY echo bot with grammY's Redis session plugin; API calls never leave the process. */
export function createEchoBot(redis: Redis, opts: { writeSession?: boolean } = {}): EchoBot {
  const bot = new Bot<EchoContext>(`123456:${'A'.repeat(35)}`, { botInfo: BOT_INFO });
  let calls = 0;
  const offline: Transformer = (_prev, _method, payload) => {
    calls++;
    const p = payload as { chat_id?: number; text?: string };
    const result = fakeSent(p.chat_id ?? 0, p.text ?? '');
    return Promise.resolve({ ok: true, result } as Awaited<ReturnType<Transformer>>);
  };
  bot.api.config.use(offline);
  bot.use(
    session({ initial: () => ({ n: 0 }), storage: new RedisAdapter<EchoSession>({ instance: redis }) }),
  );
  bot.on('message:text', (ctx) => {
    // The echo bot only reads its session; the counter variant changes it, so grammY writes it back.
    if (opts.writeSession) ctx.session.n++;
    return ctx.reply(ctx.message.text);
  });
  return { bot, calls: () => calls };
}

export interface EchoLoadOptions {
  readonly users: number;
  /** Updates each user sends in one measured run. */
  readonly steps: number;
  readonly concurrency: number;
  readonly warmups?: number;
  readonly runs?: number;
}

/** Updates per second through `bot.handleUpdate`, each a text message that the bot echoes. */
export async function measureEchoThroughput(echo: EchoBot, opts: EchoLoadOptions): Promise<RateResult> {
  let updateId = 0;
  let sent = 0;
  const send = async (user: number, step: number): Promise<void> => {
    const id = telegramUserId(user);
    const update: Update = {
      update_id: ++updateId,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id, type: 'private', first_name: 'User' },
        from: { id, is_bot: false, first_name: 'User' },
        text: String(step % 10),
      },
    };
    sent++;
    await echo.bot.handleUpdate(update);
  };
  const before = echo.calls();
  const result = await measureRate(
    () => drivePass({ users: opts.users, steps: opts.steps, concurrency: opts.concurrency, send }),
    opts,
  );
  if (echo.calls() - before !== sent)
    throw new Error(`echo bot answered ${echo.calls() - before} of ${sent}`);
  return result;
}
