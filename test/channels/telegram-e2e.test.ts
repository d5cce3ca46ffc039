import { Bot } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { createTelegramSender } from '../../src/channels/telegram/telegram-sender.js';
import type { MessageSender } from '../../src/core/ports.js';
import { newInviteCode } from '../../src/officers/invites.js';
import { makeEngine, silentLogger } from '../helpers/engine.js';
import { TERNYANG, reportLines } from '../helpers/report-script.js';
import { freePort } from '../helpers/redis-server.js';

/** A message the bot sent, as telegram-test-api stores it (the sendMessage payload). */
interface BotMessage {
  readonly messageId: number;
  readonly message: { readonly text: string; readonly reply_markup?: InlineKeyboardMarkup };
}

const TOKEN = '4242:TEST-e2e-token';
const USER_ID = 77_001;

/**
 * The real Telegram channel on a real grammY bot doing long polling against telegram-test-api, a
 * Telegram Bot API emulator on a local port: nothing goes to Telegram.
 */
describe('Telegram channel end to end (grammY long polling against telegram-test-api)', () => {
  let server: TelegramServer | undefined;
  let bot: Bot | undefined;
  let polling: Promise<void> | undefined;
  let client: ReturnType<TelegramServer['getClient']>;
  let setup: ReturnType<typeof makeEngine>;

  beforeAll(async () => {
    const port = await freePort();
    server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 60 });
    await server.start();
    client = server.getClient(TOKEN, { userId: USER_ID, chatId: USER_ID, firstName: 'Siti', timeout: 5000 });
    const polled = new Bot(TOKEN, { client: { apiRoot: server.config.apiURL } });
    bot = polled;
    const holder: { sender?: MessageSender } = {};
    setup = makeEngine({
      senders: { telegram: { send: (a, m) => holder.sender?.send(a, m) ?? Promise.resolve() } },
    });
    createTelegramChannel({ bot: polled, engine: setup.engine, logger: silentLogger });
    holder.sender = createTelegramSender(polled.api);
    // Long polling, not awaited: it resolves only when the bot is stopped.
    polling = polled.start();
    // Wait until grammY fetched its bot info (getMe) and began polling.
    for (let i = 0; i < 100 && !polled.isRunning(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(polled.isRunning()).toBe(true);
  });

  afterAll(async () => {
    if (bot?.isRunning()) await bot.stop();
    await polling;
    await server?.stop();
  });

  /** Collects the bot's messages to a user until one satisfies `done`, for at most 5 s. */
  async function repliesUntil(done: (m: BotMessage) => boolean, to = client): Promise<BotMessage[]> {
    const got: BotMessage[] = [];
    const deadline = Date.now() + 5000;
    while (!got.some(done)) {
      if (Date.now() > deadline) {
        throw new Error(`no matching reply; got: ${JSON.stringify(got.map((m) => m.message.text))}`);
      }
      const res = (await to.getUpdates()) as { result: BotMessage[] };
      got.push(...res.result);
    }
    return got;
  }

  const buttons = (m: BotMessage) =>
    (m.message.reply_markup?.inline_keyboard ?? []).flat().map((b) => ({
      text: b.text,
      data: 'callback_data' in b ? b.callback_data : undefined,
    }));

  /** Presses a button under one of the bot's messages (the message id lets the bot remove its buttons). */
  const press = async (data: string, on: BotMessage) => {
    await client.sendCallback(client.makeCallbackQuery(data, { message: { message_id: on.messageId } }));
  };

  let menu: BotMessage;
  let guide: BotMessage;

  it('answers /start with the greeting and the main menu as inline buttons', async () => {
    await client.sendCommand(client.makeCommand('/start'));
    const replies = await repliesUntil((m) => m.message.text.includes('Menu utama'));
    expect(replies[0]?.message.text).toContain('Halo!');
    menu = replies.find((m) => m.message.text.includes('Menu utama'))!;
    expect(menu.message.text).toContain('<b>Menu utama</b>');
    expect(buttons(menu)).toContainEqual({
      text: '1. Cara kerja ke luar negeri secara resmi',
      data: 'guide',
    });
    expect(buttons(menu).length).toBeGreaterThanOrEqual(9);
    expect(silentLogger.errors).toEqual([]);
  });

  it('opens the guide when its button is pressed', async () => {
    await press('guide', menu);
    const replies = await repliesUntil((m) =>
      m.message.text.includes('Cara kerja ke luar negeri secara resmi'),
    );
    guide = replies.at(-1)!;
    expect(guide.message.text).toContain('<b>Cara kerja ke luar negeri secara resmi</b>');
    expect(buttons(guide).map((b) => b.data)).toContain('schemes');
    expect(buttons(guide).at(-1)).toEqual({ text: '0. Menu utama', data: 'menu' });
  });

  it('opens a guide page from a topic, turns to the next page, and goes back to the menu with 0', async () => {
    await press('schemes', guide);
    const topic = (await repliesUntil((m) => m.message.text.includes('Jalur resmi (skema penempatan)'))).at(
      -1,
    )!;
    expect(buttons(topic)[0]).toEqual({
      text: '1. Jalur resmi bekerja ke luar negeri',
      data: 'schemes-overview',
    });

    await press('schemes-overview', topic);
    const page = (await repliesUntil((m) => m.message.text.includes('[1/'))).at(-1)!;
    expect(page.message.text).toMatch(/^<b>Jalur resmi bekerja ke luar negeri \[1\/\d+\]<\/b>\n/);
    expect(page.message.text).toContain('P to P');
    expect(buttons(page).map((b) => b.data)).toEqual(['next', 'back', 'menu']);

    await press('next', page);
    await repliesUntil((m) => m.message.text.includes('[2/'));

    await client.sendMessage(client.makeMessage('0'));
    await repliesUntil((m) => m.message.text.includes('Menu utama'));
    expect(silentLogger.errors).toEqual([]);
  });

  it('files a report, and an officer who joined with an invite code gets the alert and takes it', async () => {
    const officer = server!.getClient(TOKEN, {
      userId: 77_002,
      chatId: 77_002,
      firstName: 'Sri',
      timeout: 5000,
    });
    const code = newInviteCode();
    await setup.reports.invites.add(code, {
      role: 'village',
      area: TERNYANG,
      name: 'Bu Sri',
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await officer.sendCommand(officer.makeCommand(`/petugas ${code}`));
    await repliesUntil((m) => m.message.text.includes('Selamat bergabung'), officer);

    for (const line of reportLines()) {
      await client.sendMessage(client.makeMessage(line));
      await new Promise((r) => setTimeout(r, 30));
    }
    await client.sendMessage(client.makeMessage('1'));
    const received = await repliesUntil((m) => m.message.text.includes('Laporan diterima'));
    const reportCode = /R-[A-Z0-9]{6}/.exec(received.at(-1)!.message.text)?.[0] ?? '';
    expect(reportCode).not.toBe('');

    const alert = (await repliesUntil((m) => m.message.text.includes(reportCode), officer)).at(-1)!;
    expect(alert.message.text).toContain(`<b>Laporan perekrut mencurigakan ${reportCode}</b>`);
    expect(alert.message.text).toContain('Pelapor: dirahasiakan.');
    expect(alert.message.text).not.toContain('77001');
    expect(buttons(alert)[0]).toEqual({ text: 'Terima, saya tangani', data: `@o:ack:${reportCode}` });

    await officer.sendCallback(
      officer.makeCallbackQuery(`@o:ack:${reportCode}`, { message: { message_id: alert.messageId } }),
    );
    await repliesUntil((m) => m.message.text.includes('Status: ditangani oleh Bu Sri'), officer);
    expect(silentLogger.errors).toEqual([]);
  });
});
