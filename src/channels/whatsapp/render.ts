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
 * The texts to send for one turn: each reply formatted, short replies joined (fewer messages cost
 * less data, fewer notifications and less of the sending budget), long ones split.
 */
export function renderWhatsApp(messages: readonly OutboundMessage[]): string[] {
  const merged: { text: string; choices: boolean }[] = [];
  for (const msg of messages) {
    const text = formatWhatsApp(msg);
    const previous = merged.at(-1);
    // A list of choices ends a message: what follows it would read as part of the list.
    if (previous && !previous.choices && previous.text.length + text.length + 2 <= MERGE_LIMIT) {
      merged[merged.length - 1] = { text: `${previous.text}\n\n${text}`, choices: msg.choices.length > 0 };
    } else merged.push({ text, choices: msg.choices.length > 0 });
  }
  return merged.flatMap((m) => splitMessage(m.text));
}
