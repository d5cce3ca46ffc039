import { spawn } from 'node:child_process';
import { Bot } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { renderTelegram, splitText } from '../../src/channels/telegram/render.js';
import { serveTelegram } from '../../src/channels/telegram/serve.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { createTelegramSender } from '../../src/channels/telegram/telegram-sender.js';
import type { MessageSender } from '../../src/core/ports.js';
import { reportLinesToEvidence } from '../helpers/report-script.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { startHttpServer } from '../../src/observability/http-server.js';
import { makeEngine, silentLogger } from '../helpers/engine.js';
import { freePort } from '../helpers/redis-server.js';
import {
  BOT_INFO,
  buttonUpdate,
  photoUpdate,
  startFakeBotApi,
  textUpdate,
  type FakeBotApi,
} from '../helpers/fake-bot-api.js';

const TOKEN = '123456:TEST-token-for-the-fake-bot-api-000';

describe('Telegram channel through real grammY against a local Bot API server', () => {
  let api: FakeBotApi;
  let channel: TelegramChannel;
  beforeEach(async () => {
    api = await startFakeBotApi();
    const bot = new Bot(TOKEN, { client: { apiRoot: api.apiRoot }, botInfo: BOT_INFO });
    channel = createTelegramChannel({
      bot,
      engine: makeEngine().engine,
      logger: silentLogger,
      maxRetries: 3,
    });
  });
  afterEach(async () => {
    await api.close();
  });

  const lastSent = () => api.sent().at(-1)?.payload ?? {};
  const buttons = (payload: Record<string, unknown>) =>
    ((payload.reply_markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? []).map((row) => row[0]);

  it('answers /start with the welcome and the menu as HTML with one button per choice', async () => {
    await channel.bot.handleUpdate(textUpdate(1001, '/start'));
    const sent = api.sent();
    // The short welcome and the menu go out as one message.
    expect(sent).toHaveLength(1);
    expect(sent[0]?.payload.text).toMatch(/^Halo! .*Desa Migran EMAS.*\n\n<b>Menu utama<\/b>\n/s);
    expect(lastSent().parse_mode).toBe('HTML');
    const keys = buttons(lastSent());
    expect(keys).toHaveLength(13);
    expect(keys[0]).toEqual({ text: '1. Cara kerja ke luar negeri secara resmi', callback_data: 'guide' });
  });

  it('handles a button press: acknowledges it, removes the old buttons and answers', async () => {
    await channel.bot.handleUpdate(textUpdate(1002, '/start'));
    await channel.bot.handleUpdate(buttonUpdate(1002, 'guide'));
    const methods = api.calls.map((c) => c.method);
    expect(methods).toContain('answerCallbackQuery');
    expect(methods).toContain('editMessageReplyMarkup');
    expect(lastSent().text).toContain('<b>Cara kerja ke luar negeri secara resmi</b>');
    expect(buttons(lastSent()).at(-1)).toEqual({ text: '0. Menu utama', callback_data: 'menu' });
  });

  it('takes a photo as report evidence and alerts an officer on Telegram with the photo and action buttons', async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: api.apiRoot }, botInfo: BOT_INFO });
    const holder: { sender?: MessageSender } = {};
    const viaBot: MessageSender = { send: (a, m) => holder.sender?.send(a, m) ?? Promise.resolve() };
    const setup = makeEngine({ senders: { telegram: viaBot } });
    const tg = createTelegramChannel({ bot, engine: setup.engine, logger: silentLogger, maxRetries: 3 });
    holder.sender = createTelegramSender(tg.bot.api);
    await setup.reports.officers.save({
      id: 'odesa',
      role: 'village',
      area: '35.07.12.2001',
      address: 'telegram:5005',
      name: 'Bu Sri',
      locale: 'id',
      active: true,
      joinedAt: '2026-11-01T00:00:00.000Z',
    });
    const say = (text: string) => tg.bot.handleUpdate(textUpdate(1010, text));
    for (const line of reportLinesToEvidence()) await say(line);
    await tg.bot.handleUpdate(photoUpdate(1010, 'AgACAgUAAx-brosur', 'brosur dari dia <b>'));
    expect(lastSent().text).toContain('1 keterangan, 1 foto');
    for (const line of ['selesai', '1', '1', '1', '1']) await say(line);
    expect(lastSent().text).toContain('Laporan diterima');
    await setup.reports.queue.idle();
    const toOfficer = api.calls.filter((c) => c.payload.chat_id === 5005);
    expect(toOfficer.map((c) => c.method)).toEqual(['sendPhoto', 'sendMessage']);
    expect(toOfficer[0]?.payload.photo).toBe('AgACAgUAAx-brosur');
    expect(toOfficer[1]?.payload.text).toContain('Keterangan: brosur dari dia &lt;b&gt;');
    const officerButtons = buttons(toOfficer[1]?.payload ?? {}).map((b) =>
      b && 'callback_data' in b ? b.callback_data : undefined,
    );
    expect(officerButtons).toEqual(expect.arrayContaining([expect.stringMatching(/^@o:ack:R-[A-Z0-9]{6}$/)]));
    // The officer presses "take it": checked on the server, the report is theirs now.
    await tg.bot.handleUpdate(buttonUpdate(5005, officerButtons[0] ?? ''));
    const toOfficerNow = api.sent().filter((c) => c.payload.chat_id === 5005);
    expect(toOfficerNow.at(-1)?.payload.text).toContain('Status: ditangani oleh Bu Sri');
  });

  it('refuses forged button data', async () => {
    await channel.bot.handleUpdate(textUpdate(1003, '/start'));
    await channel.bot.handleUpdate(buttonUpdate(1003, 'contoh-lo-003'));
    expect(lastSent().text).toContain('Tombol itu sudah tidak berlaku');
    await channel.bot.handleUpdate(buttonUpdate(1003, '__proto__'));
    expect(lastSent().text).toContain('Tombol itu sudah tidak berlaku');
  });

  it('escapes HTML a user or content could inject, in texts and button labels', () => {
    const [m] = renderTelegram([
      {
        title: 'PT <b>Evil</b> & Co',
        body: '<a href="http://x">klik</a> *tebal* _miring_',
        choices: [{ id: 'x', n: 1, label: '<i>label</i>' }],
      },
    ]);
    expect(m?.html).toBe(
      '<b>PT &lt;b&gt;Evil&lt;/b&gt; &amp; Co</b>\n&lt;a href="http://x"&gt;klik&lt;/a&gt; *tebal* _miring_',
    );
    expect(m?.keyboard?.inline_keyboard[0]?.[0]?.text).toBe('1. <i>label</i>');
  });

  it('opens a flow from a deep link (/start payload)', async () => {
    await channel.bot.handleUpdate(textUpdate(1005, '/start negara'));
    expect(lastSent().text).toContain('<b>Info negara tujuan</b>');
  });

  it('understands sentences sent through Telegram: a cry for help, a report request, a question', async () => {
    await channel.bot.handleUpdate(
      textUpdate(1010, 'tlg adik sy dikurung majikan di malaysia hp nya diambil'),
    );
    const sos = api
      .sent()
      .map((m) => (typeof m.payload.text === 'string' ? m.payload.text : ''))
      .join('\n');
    expect(sos).toContain('<b>Nomor darurat</b>');
    expect(sos).toContain('+62 812 9007 0027');
    await channel.bot.handleUpdate(textUpdate(1011, 'mau lapor calo di desa saya'));
    expect(lastSent().text).toContain('Laporkan perekrut (1/');
    await channel.bot.handleUpdate(textUpdate(1012, 'brp umur minimal jd tkw'));
    expect(lastSent().text).toContain('18 tahun');
  });

  it('maps /menu and /bahasa, and ignores group chats', async () => {
    await channel.bot.handleUpdate(textUpdate(1006, '/bahasa'));
    expect(lastSent().text).toContain('Pilih bahasa');
    await channel.bot.handleUpdate(textUpdate(1006, '/menu@demimas_test_bot'));
    expect(lastSent().text).toContain('Menu utama');
    const before = api.sent().length;
    await channel.bot.handleUpdate(textUpdate(-5000, 'halo', 'group'));
    expect(api.sent()).toHaveLength(before);
  });

  it('ignores a second delivery of the same update', async () => {
    const update = textUpdate(1007, 'halo');
    await channel.bot.handleUpdate(update);
    const once = api.sent().length;
    await channel.bot.handleUpdate(update);
    expect(once).toBeGreaterThan(0);
    expect(api.sent()).toHaveLength(once);
  });

  it('retries through a storm of 429 answers and a server error', async () => {
    api.fail('sendMessage', { code: 429, retryAfter: 1 }, { code: 429, retryAfter: 1 }, { code: 500 });
    await channel.bot.handleUpdate(textUpdate(1008, '0'));
    const attempts = api.calls.filter((c) => c.method === 'sendMessage');
    expect(attempts).toHaveLength(4);
  }, 15_000);

  it('marks a user who blocked the bot as unreachable and stops sending to them', async () => {
    api.fail('sendMessage', { code: 403 });
    await channel.bot.handleUpdate(textUpdate(1009, '/start'));
    expect(channel.unreachable.has(1009)).toBe(true);
    expect(api.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    await channel.bot.handleUpdate(textUpdate(1009, 'menu'));
    expect(channel.unreachable.has(1009)).toBe(false);
  });

  it('registers the commands menu in Indonesian and English, and answers on long polling', async () => {
    api.push(textUpdate(1010, '/start'));
    const serving = await serveTelegram(channel.bot, {
      logger: silentLogger,
      translator: createTranslator('locales'),
    });
    for (let i = 0; i < 100 && api.sent().length < 1; i++) await new Promise((r) => setTimeout(r, 20));
    await serving.stop();
    const commands = api.calls.filter((c) => c.method === 'setMyCommands');
    expect(commands).toHaveLength(2);
    expect(commands[1]?.payload.language_code).toBe('en');
    expect(String(api.sent()[0]?.payload.text)).toContain('Menu utama');
  });

  it('checks the webhook secret', async () => {
    const http = await startHttpServer({ port: 0, logger: silentLogger });
    const port = http.port;
    const serving = await serveTelegram(channel.bot, {
      webhook: { url: `http://127.0.0.1:${port}/telegram/hook`, secret: 'a-very-secret-token-123' },
      http,
      logger: silentLogger,
      translator: createTranslator('locales'),
    });
    const post = (secret?: string) =>
      fetch(`http://127.0.0.1:${port}/telegram/hook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
        },
        body: JSON.stringify(textUpdate(1011, 'halo')),
      });
    expect((await post()).status).toBe(401);
    expect((await post('wrong-secret-wrong-secret')).status).toBe(401);
    expect((await post('a-very-secret-token-123')).status).toBe(200);
    expect(api.sent().length).toBeGreaterThan(0);
    expect(api.calls.find((c) => c.method === 'setWebhook')?.payload.secret_token).toBe(
      'a-very-secret-token-123',
    );
    await serving.stop();
    await http.close();
  });
});

describe('joining short replies', () => {
  it('sends the short replies of one turn as one message, and keeps long ones apart', () => {
    const short = { body: 'Baik, dibatalkan.', choices: [] };
    const menu = { title: 'Menu utama', body: 'Pilih.', choices: [{ id: 'guide', n: 1, label: 'Panduan' }] };
    expect(renderTelegram([short, menu])).toEqual([
      {
        html: 'Baik, dibatalkan.\n\n<b>Menu utama</b>\nPilih.',
        keyboard: { inline_keyboard: [[{ text: '1. Panduan', callback_data: 'guide' }]] },
      },
    ]);
    const long = { body: 'x'.repeat(1490), choices: [] };
    expect(renderTelegram([long, menu])).toHaveLength(2);
    expect(renderTelegram([menu, short])).toHaveLength(2);
  });

  it('never joins a separate reply (a result held to a length) with the replies around it', () => {
    const sos = { title: 'Nomor darurat', body: 'Polisi: 110', choices: [] };
    const result = { title: 'Risiko tinggi', body: 'Alasannya.', choices: [], separate: true as const };
    expect(renderTelegram([sos, result]).map((m) => m.html)).toEqual([
      '<b>Nomor darurat</b>\nPolisi: 110',
      '<b>Risiko tinggi</b>\nAlasannya.',
    ]);
    expect(renderTelegram([result, sos])).toHaveLength(2);
  });
});

describe('splitting long texts', () => {
  it('cuts below the limit at paragraph ends and never inside an entity', () => {
    const text = `${'kata '.repeat(500)}\n\n${'&amp; '.repeat(800)}`;
    const chunks = splitText(text, 1000);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(1000);
    expect(chunks.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    expect(chunks[0]?.endsWith('kata')).toBe(true);
    for (const c of chunks) expect(c).not.toMatch(/&(am|a|amp)?$/);
  });
});

describe('the bot in service mode (npm start with a token and an API root)', () => {
  it('starts on Redis, answers over long polling and stops on SIGTERM', async () => {
    const api = await startFakeBotApi();
    api.push(textUpdate(2001, '/start'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: api.apiRoot,
        REDIS_URL: inject('redisUrl'),
        REDIS_KEY_PREFIX: `tg${Date.now() % 100000}:`,
        HTTP_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Start-up takes about 1.5 s on a quiet machine; a busy CI runner may take many times that.
    for (let i = 0; i < 900 && api.sent().length < 1; i++) await new Promise((r) => setTimeout(r, 50));
    // A new user's /start: the welcome and the language list, each language named in itself.
    expect(api.sent().at(-1)?.payload.text).toContain('Pilih bahasa');
    expect(JSON.stringify(api.sent().at(-1)?.payload.reply_markup)).toContain('Bhâsa Madhurâ');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    await api.close();
  }, 60_000);
});
