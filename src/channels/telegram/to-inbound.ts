import type { Context } from 'grammy';
import type { InboundMessage, MediaRef } from '../../core/message.js';

/** Prefix of media refs that are Telegram file ids (a bot can send them again by id). */
export const TELEGRAM_MEDIA = 'tg:';

/** Commands the bot answers; others are passed on as text (the engine says it did not understand). */
const COMMAND_WORDS: Readonly<Record<string, string>> = {
  menu: 'menu',
  bahasa: 'bahasa',
  language: 'bahasa',
  bantuan: 'bantuan',
  help: 'bantuan',
  batal: 'batal',
  cancel: 'batal',
  tolong: 'tolong',
  hapus: 'hapus',
};

const COMMAND = /^\/([a-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/i;

/**
 * User keys by chat id, each made once: a chat writes again and again, and one string per user is
 * hashed once (V8 keeps a string's hash) for the several maps the engine looks the user up in (rate
 * limit, queue, session cache), where a new string would be hashed again. Emptied when full.
 */
const USER_KEYS = new Map<number, string>();
const USER_KEY_LIMIT = 10_000;

function userKeyOf(chatId: number): string {
  let key = USER_KEYS.get(chatId);
  if (key === undefined) {
    if (USER_KEYS.size >= USER_KEY_LIMIT) USER_KEYS.clear();
    key = `telegram:${chatId}`;
    USER_KEYS.set(chatId, key);
  }
  return key;
}

/**
 * Translates a Telegram update into an `InboundMessage`, or undefined for what the bot ignores (groups,
 * channels, edited messages, service messages). Button presses become `choiceId`: still untrusted, the
 * engine checks them against the current question.
 */
export function toInbound(ctx: Context, receivedAt: Date): InboundMessage | undefined {
  const chat = ctx.chat;
  if (chat?.type !== 'private') return undefined;
  const base = { channel: 'telegram' as const, userKey: userKeyOf(chat.id), receivedAt };
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) return { ...base, choiceId: data };
  const message = ctx.message;
  if (!message) return undefined;
  const text = message.text ?? message.caption ?? '';
  // Most messages are not commands: only text starting with "/" is matched against the pattern.
  const command = text.trimStart().startsWith('/') ? COMMAND.exec(text.trim()) : null;
  if (command) {
    const name = (command[1] ?? '').toLowerCase();
    const rest = (command[2] ?? '').trim();
    if (name === 'start')
      return { ...base, start: true, ...(rest ? { text: rest.replace(/[_-]+/g, ' ') } : {}) };
    const word = COMMAND_WORDS[name];
    if (word) return { ...base, text: word };
  }
  const voice = message.voice;
  if (voice) {
    // A recorded voice note: kept by its file id as report evidence, never transcribed.
    const media: MediaRef[] = [
      {
        kind: 'voice',
        ref: `${TELEGRAM_MEDIA}${voice.file_id}`,
        ...(voice.mime_type === undefined ? {} : { mime: voice.mime_type }),
        ...(voice.file_size === undefined ? {} : { size: voice.file_size }),
      },
    ];
    return { ...base, text, media };
  }
  const largest = message.photo?.at(-1);
  if (!largest) return { channel: 'telegram', userKey: base.userKey, receivedAt, text };
  const media: MediaRef[] = [
    {
      kind: 'photo',
      ref: `${TELEGRAM_MEDIA}${largest.file_id}`,
      ...(largest.file_size === undefined ? {} : { size: largest.file_size }),
    },
  ];
  return { ...base, text, media };
}
