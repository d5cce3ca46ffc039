import { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { createTelegramSender } from '../../src/channels/telegram/telegram-sender.js';
import type { MessageSender } from '../../src/core/ports.js';
import { makeEngine, silentLogger } from '../helpers/engine.js';
import { BOT_INFO, startFakeBotApi, textUpdate, type FakeBotApi } from '../helpers/fake-bot-api.js';
import { reportLinesToEvidence } from '../helpers/report-script.js';

const TOKEN = '123456:TEST-token-for-the-fake-bot-api-000';

let id = 900_000;
const voiceUpdate = (chatId: number, fileId: string): Update => ({
  update_id: ++id,
  message: {
    message_id: id,
    date: 0,
    chat: { id: chatId, type: 'private', first_name: 'Siti' },
    from: { id: chatId, is_bot: false, first_name: 'Siti' },
    voice: {
      file_id: fileId,
      file_unique_id: `u${fileId}`,
      duration: 7,
      mime_type: 'audio/ogg',
      file_size: 40_000,
    },
  },
});

describe('voice notes on Telegram', () => {
  let api: FakeBotApi;
  beforeAll(async () => {
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('keeps a voice note as report evidence and sends it to the officer with the alert', async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: api.apiRoot }, botInfo: BOT_INFO });
    const holder: { sender?: MessageSender } = {};
    const setup = makeEngine({
      senders: { telegram: { send: (a, m) => holder.sender?.send(a, m) ?? Promise.resolve() } },
    });
    const tg = createTelegramChannel({ bot, engine: setup.engine, logger: silentLogger, maxRetries: 3 });
    holder.sender = createTelegramSender(tg.bot.api);
    await setup.reports.officers.save({
      id: 'ovoice',
      role: 'village',
      area: '35.07.12.2001',
      address: 'telegram:5006',
      name: 'Bu Sri',
      locale: 'id',
      active: true,
      joinedAt: '2026-11-01T00:00:00.000Z',
    });
    const say = (text: string) => tg.bot.handleUpdate(textUpdate(1020, text));
    for (const line of reportLinesToEvidence()) await say(line);
    await tg.bot.handleUpdate(voiceUpdate(1020, 'AwACAgUAAx-suara'));
    expect(String(api.sent().at(-1)?.payload.text)).toContain('Pesan suara tersimpan: 1');
    for (const line of ['selesai', '1', '1', '1', '1']) await say(line);
    expect(String(api.sent().at(-1)?.payload.text)).toContain('Laporan diterima');
    await setup.reports.queue.idle();
    const toOfficer = api.calls.filter((c) => c.payload.chat_id === 5006);
    expect(toOfficer.map((c) => c.method)).toEqual(['sendVoice', 'sendMessage']);
    expect(toOfficer[0]?.payload.voice).toBe('AwACAgUAAx-suara');
    expect(String(toOfficer[1]?.payload.text)).toContain('Pesan suara: 1');
  });

  it('outside a report: please type, or call 0800-1000', async () => {
    const bot = new Bot(TOKEN, { client: { apiRoot: api.apiRoot }, botInfo: BOT_INFO });
    const tg = createTelegramChannel({ bot, engine: makeEngine().engine, logger: silentLogger });
    await tg.bot.handleUpdate(textUpdate(1021, 'menu'));
    await tg.bot.handleUpdate(voiceUpdate(1021, 'AwACAgUAAx-lain'));
    expect(String(api.sent().at(-1)?.payload.text)).toContain(
      'Maaf, pesan suara belum bisa kami baca. Silakan ketik pesan Anda, atau telepon 0800-1000.',
    );
  });
});
