import type { OutboundMessage } from '../../core/message.js';
import { splitAtBreaks } from '../../core/split-text.js';
import { formatWhatsApp } from '../../core/whatsapp-markup.js';

/**
 * WhatsApp shows very long messages poorly on cheap phones; chunks stay well below its own limit and
 * are cut at paragraph, line or word ends (never inside a link).
 */
export const CHUNK_LIMIT = 3000;
/** Replies of one turn are joined into one message while together they stay this short. */
export const MERGE_LIMIT = 1500;

/** Splits below `limit`, preferring paragraph breaks, then line breaks, then spaces; never inside a link. */
export const splitMessage = (text: string, limit = CHUNK_LIMIT): string[] => splitAtBreaks(text, limit);

/**
 * The texts to send for one turn: each reply formatted, short replies joined unless one is
 * `separate` (fewer messages cost less data, fewer notifications and less of the sending budget),
 * long ones split.
 */
export function renderWhatsApp(messages: readonly OutboundMessage[]): string[] {
  // `ends`: nothing may be joined after it (a list of choices, which what follows would seem part of,
  // or a `separate` reply).
  const merged: { text: string; ends: boolean }[] = [];
  for (const msg of messages) {
    const text = formatWhatsApp(msg);
    const previous = merged.at(-1);
    const ends = msg.choices.length > 0 || msg.separate === true;
    if (
      previous &&
      !previous.ends &&
      !msg.separate &&
      previous.text.length + text.length + 2 <= MERGE_LIMIT
    ) {
      merged[merged.length - 1] = { text: `${previous.text}\n\n${text}`, ends };
    } else merged.push({ text, ends });
  }
  return merged.flatMap((m) => splitMessage(m.text));
}
