import type { Glossary } from './gloss.js';
import type { Locale } from './locale.js';
import { t, type OutboundMessage, type RenderedChoice, type Reply, type Text } from './message.js';
import type { Translator } from './ports.js';
import { formatWhatsApp } from './whatsapp-markup.js';

/** The choice every reply outside the menu carries: number 0 goes back to the main menu. */
export const MENU_CHOICE_ID = 'menu';
/** The "0 = main menu" choice (texts are immutable, so one object serves every reply). */
export const MENU_CHOICE = { id: MENU_CHOICE_ID, label: t('common.menu') } as const;

export function renderText(tr: Translator, locale: Locale, text: Text): string {
  if ('literal' in text) return text.literal;
  if ('lines' in text) return text.lines.map((line) => renderText(tr, locale, line)).join('\n');
  if (!text.params) return tr.t(locale, text.key);
  const params: Record<string, string | number> = {};
  for (const name of Object.keys(text.params)) {
    const value = text.params[name];
    if (value !== undefined) params[name] = typeof value === 'object' ? renderText(tr, locale, value) : value;
  }
  return tr.t(locale, text.key, params);
}

const NO_CHOICES: readonly RenderedChoice[] = Object.freeze([]);

/** Renders replies to plain text; choices are numbered 1..n and the menu choice is 0. */
export function renderReplies(tr: Translator, locale: Locale, replies: readonly Reply[]): OutboundMessage[] {
  return replies.map((reply) => {
    let n = 0;
    const choices: readonly RenderedChoice[] =
      reply.choices && reply.choices.length > 0
        ? reply.choices.map((c) => ({
            id: c.id,
            n: c.id === MENU_CHOICE_ID ? 0 : ++n,
            label: renderText(tr, locale, c.label),
          }))
        : NO_CHOICES;
    // The non-empty paragraphs, a blank line between them; a single paragraph is used as it is.
    let body = '';
    for (const p of reply.body) {
      const text = renderText(tr, locale, p);
      if (text !== '') body = body === '' ? text : `${body}\n\n${text}`;
    }
    const rendered: OutboundMessage = reply.title
      ? { title: renderText(tr, locale, reply.title), body, choices }
      : { body, choices };
    if (!reply.actions && !reply.media && !reply.separate) return rendered;
    const actions = reply.actions?.map((c) => ({ id: c.id, n: 0, label: renderText(tr, locale, c.label) }));
    return {
      ...rendered,
      ...(actions && actions.length > 0 ? { actions } : {}),
      ...(reply.media && reply.media.length > 0 ? { media: reply.media } : {}),
      ...(reply.separate ? { separate: true as const } : {}),
    };
  });
}

/**
 * How many characters a reply takes where it is shown longest: rendered in `locale` with the
 * main-menu choice it will carry, its acronyms explained by the glossary, as WhatsApp text (bold
 * title, body, every choice numbered on a line of its own). Telegram shows the same title and body
 * with the choices as buttons, the console as WhatsApp does: neither is longer.
 */
export function shownLength(tr: Translator, glossary: Glossary, locale: Locale, reply: Reply): number {
  const choices = reply.choices ?? [];
  const full = choices.some((c) => c.id === MENU_CHOICE_ID)
    ? reply
    : { ...reply, choices: [...choices, MENU_CHOICE] };
  const [message] = renderReplies(tr, locale, [full]);
  return message ? formatWhatsApp(glossary.explain(locale, message)).length : 0;
}
