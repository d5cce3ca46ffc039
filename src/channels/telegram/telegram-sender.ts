import { GrammyError, type Api } from 'grammy';
import type { OutboundMessage } from '../../core/message.js';
import { RecipientUnreachable, type MessageSender } from '../../core/ports.js';
import { renderTelegram } from './render.js';
import { TELEGRAM_MEDIA } from './to-inbound.js';

const PREFIX = 'telegram:';

/** 403: blocked by the user or account deleted; 400 "chat not found": no such chat for this bot. */
const unreachableReason = (err: unknown): string | undefined => {
  if (!(err instanceof GrammyError)) return undefined;
  if (err.error_code === 403) return 'blocked';
  if (err.error_code === 400 && /chat not found|user not found/i.test(err.description))
    return 'chat-not-found';
  return undefined;
};

/**
 * Sends alerts and status notices to Telegram chats (`telegram:<chat id>`) through the bot's API, with
 * the same rendering as replies. Rate-limit and server errors are retried by the API's auto-retry
 * transformer; a chat that can never be reached throws `RecipientUnreachable`.
 */
export function createTelegramSender(api: Api): MessageSender {
  return {
    async send(address: string, messages: readonly OutboundMessage[]): Promise<void> {
      const chatId = address.startsWith(PREFIX) ? Number(address.slice(PREFIX.length)) : NaN;
      if (!Number.isSafeInteger(chatId)) throw new RecipientUnreachable(address, 'not-telegram');
      // Evidence photos and voice notes first (Telegram file ids are sent again by id), then the text
      // with its buttons.
      const media = messages.flatMap((m) => m.media ?? []).filter((p) => p.ref.startsWith(TELEGRAM_MEDIA));
      try {
        for (const p of media) {
          const fileId = p.ref.slice(TELEGRAM_MEDIA.length);
          if (p.kind === 'voice') await api.sendVoice(chatId, fileId);
          else await api.sendPhoto(chatId, fileId);
        }
        for (const m of renderTelegram(messages)) {
          await api.sendMessage(chatId, m.html, {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(m.keyboard ? { reply_markup: m.keyboard } : {}),
          });
        }
      } catch (err) {
        const reason = unreachableReason(err);
        if (reason) throw new RecipientUnreachable(address, reason);
        throw err;
      }
    },
  };
}
