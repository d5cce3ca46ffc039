import type { InlineKeyboardMarkup } from 'grammy/types';
import type { OutboundMessage } from '../../core/message.js';

/** Telegram allows 4,096 characters; chunks stay well below, cut at paragraph or line ends. */
export const CHUNK_LIMIT = 3800;
/** Button labels are cut to fit a phone screen. */
const LABEL_LIMIT = 60;

export interface TelegramMessage {
  /** HTML (parse_mode "HTML"); every user and content text is escaped. */
  readonly html: string;
  readonly keyboard?: InlineKeyboardMarkup;
}

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Splits escaped HTML below the limit, preferring paragraph breaks, then line breaks, then spaces. */
export function splitText(text: string, limit = CHUNK_LIMIT): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    let cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    if (cut < limit / 2) cut = window.lastIndexOf(' ');
    if (cut < limit / 2) cut = limit;
    // Never cut inside an entity such as "&amp;".
    const amp = window.lastIndexOf('&', cut);
    if (amp > window.lastIndexOf(';', cut) && cut - amp < 6) cut = amp;
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

const label = (text: string): string =>
  text.length > LABEL_LIMIT ? `${text.slice(0, LABEL_LIMIT - 1)}…` : text;

/** Replies of one turn are sent as one Telegram message while together they stay this short. */
export const MERGE_LIMIT = 1500;

/**
 * Title in bold, the body, and the choices as one inline button per row (0 = main menu last). Short
 * replies of one turn without buttons are joined to the next one: fewer messages cost less data and
 * fewer notifications on a cheap phone.
 */
export function renderTelegram(messages: readonly OutboundMessage[]): TelegramMessage[] {
  const rendered = renderEach(messages);
  const merged: TelegramMessage[] = [];
  for (const m of rendered) {
    const previous = merged.at(-1);
    if (previous && !previous.keyboard && previous.html.length + m.html.length + 2 <= MERGE_LIMIT) {
      merged[merged.length - 1] = { ...m, html: `${previous.html}\n\n${m.html}` };
    } else merged.push(m);
  }
  return merged;
}

function renderEach(messages: readonly OutboundMessage[]): TelegramMessage[] {
  return messages.flatMap((m) => {
    const html = `${m.title ? `<b>${escapeHtml(m.title)}</b>\n` : ''}${escapeHtml(m.body)}`;
    const chunks = splitText(html);
    const ordered = [...m.choices.filter((c) => c.n > 0), ...m.choices.filter((c) => c.n === 0)];
    const keyboard: InlineKeyboardMarkup | undefined =
      ordered.length > 0
        ? {
            inline_keyboard: ordered.map((c) => [
              { text: label(c.n > 0 ? `${c.n}. ${c.label}` : `0. ${c.label}`), callback_data: c.id },
            ]),
          }
        : undefined;
    return chunks.map((html, i) => (i === chunks.length - 1 && keyboard ? { html, keyboard } : { html }));
  });
}
