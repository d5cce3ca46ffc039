import type { OutboundMessage } from './message.js';
import { WEB_ADDRESS } from './split-text.js';

/**
 * Characters that format text when they enclose a word (`*bold*`, `_italic_`, `~strike~`, ``` `code` ```).
 * WhatsApp has no escape character, so in text the bot did not write as markup they are replaced by
 * look-alikes that do not format — but only where a pair could form, so a lone `*` or a `_` in a
 * link stays as it is.
 */
const LOOKALIKE: Readonly<Record<string, string>> = {
  '*': '\u2217', // ∗ asterisk operator
  _: '\uFF3F', // ＿ fullwidth low line
  '~': '\u223C', // ∼ tilde operator
  '`': '\u02CB', // ˋ modifier letter grave accent
};

/**
 * Neutralises WhatsApp formatting in plain text, line by line, leaving links untouched. `inMarkup`:
 * the text goes between the bot's own markers (a bold title), where even one marker would break them.
 * Both WhatsApp providers (Baileys and the Cloud API) render text through it.
 */
export function escapeWhatsApp(text: string, inMarkup = false): string {
  return text
    .split('\n')
    .map((line) => {
      const parts = splitLinks(line);
      const plain = parts
        .filter((p) => !p.link)
        .map((p) => p.text)
        .join(' ');
      const paired = Object.keys(LOOKALIKE).filter((c) => plain.split(c).length > (inMarkup ? 1 : 2));
      if (paired.length === 0) return line;
      const markers = new RegExp(`[${paired.map((c) => `\\${c}`).join('')}]`, 'g');
      return parts
        .map((p) => (p.link ? p.text : p.text.replace(markers, (ch) => LOOKALIKE[ch] ?? ch)))
        .join('');
    })
    .join('\n');
}

function splitLinks(line: string): { text: string; link: boolean }[] {
  const parts: { text: string; link: boolean }[] = [];
  let at = 0;
  for (const m of line.matchAll(WEB_ADDRESS)) {
    if (m.index > at) parts.push({ text: line.slice(at, m.index), link: false });
    parts.push({ text: m[0], link: true });
    at = m.index + m[0].length;
  }
  if (at < line.length) parts.push({ text: line.slice(at), link: false });
  return parts;
}

/**
 * One reply as WhatsApp text: the title in bold, the body, then the numbered choices, with "0. main
 * menu" last and in italics; what the bot did not write as markup (content, what users typed) is
 * neutralised. Baileys sends every reply so (ordinary accounts have no buttons or lists); the Cloud
 * API sends so what does not fit its buttons and lists.
 */
export function formatWhatsApp(msg: OutboundMessage): string {
  const lines: string[] = [];
  if (msg.title) lines.push(`*${escapeWhatsApp(msg.title.replace(/\s+/g, ' ').trim(), true)}*`);
  if (msg.body) lines.push(escapeWhatsApp(msg.body));
  const numbered = msg.choices.filter((c) => c.n > 0);
  const menu = msg.choices.filter((c) => c.n === 0);
  if (msg.choices.length > 0) lines.push('');
  for (const c of numbered) lines.push(`${c.n}. ${escapeWhatsApp(c.label)}`);
  for (const c of menu) lines.push(`_0. ${escapeWhatsApp(c.label, true)}_`);
  return lines.join('\n');
}
