import type { Locale } from './locale.js';
import type { OutboundMessage, RenderedChoice, Reply, Text } from './message.js';
import type { Translator } from './ports.js';

/** The choice every reply outside the menu carries: number 0 goes back to the main menu. */
export const MENU_CHOICE_ID = 'menu';

export function renderText(tr: Translator, locale: Locale, text: Text): string {
  if ('literal' in text) return text.literal;
  if ('lines' in text) return text.lines.map((line) => renderText(tr, locale, line)).join('\n');
  if (!text.params) return tr.t(locale, text.key);
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.params)) {
    params[name] = typeof value === 'object' ? renderText(tr, locale, value) : value;
  }
  return tr.t(locale, text.key, params);
}

/** Renders replies to plain text; choices are numbered 1..n and the menu choice is 0. */
export function renderReplies(tr: Translator, locale: Locale, replies: readonly Reply[]): OutboundMessage[] {
  return replies.map((reply) => {
    let n = 0;
    const choices: RenderedChoice[] = (reply.choices ?? []).map((c) => ({
      id: c.id,
      n: c.id === MENU_CHOICE_ID ? 0 : ++n,
      label: renderText(tr, locale, c.label),
    }));
    const body = reply.body
      .map((p) => renderText(tr, locale, p))
      .filter((p) => p !== '')
      .join('\n\n');
    return reply.title ? { title: renderText(tr, locale, reply.title), body, choices } : { body, choices };
  });
}
