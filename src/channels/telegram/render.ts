import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { OutboundMessage, RenderedChoice } from '../../core/message.js';

/** Telegram allows 4,096 characters; chunks stay well below, cut at paragraph or line ends. */
export const CHUNK_LIMIT = 3800;
/** Button labels are cut to fit a phone screen. */
const LABEL_LIMIT = 60;

export interface TelegramMessage {
  /** HTML (parse_mode "HTML"); every user and content text is escaped. */
  readonly html: string;
  readonly keyboard?: InlineKeyboardMarkup;
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const SPECIAL = /[&<>]/;

/** `&`, `<` and `>` as entities; text without them (most) is returned as it is, in one scan. */
export const escapeHtml = (text: string): string =>
  SPECIAL.test(text) ? text.replace(/[&<>]/g, (c) => ENTITIES[c] ?? c) : text;

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
 * replies of one turn without buttons are joined to the next one (unless either is `separate`): fewer
 * messages cost less data and fewer notifications on a cheap phone.
 */
export function renderTelegram(messages: readonly OutboundMessage[]): TelegramMessage[] {
  // One reply per turn is the usual case: no list to grow.
  const only = messages.length === 1 ? messages[0] : undefined;
  if (only) return renderOne(only);
  const merged: TelegramMessage[] = [];
  // Whether the last message sent may take the next one's text (a `separate` reply may not).
  let joinable = false;
  for (const msg of messages) {
    for (const m of renderOne(msg)) {
      const previous = merged.at(-1);
      if (
        previous &&
        joinable &&
        !msg.separate &&
        !previous.keyboard &&
        previous.html.length + m.html.length + 2 <= MERGE_LIMIT
      ) {
        merged[merged.length - 1] = { ...m, html: `${previous.html}\n\n${m.html}` };
      } else merged.push(m);
      joinable = msg.separate !== true;
    }
  }
  return merged;
}

/** One reply: a message, or several when its text is over the limit (the buttons go on the last). */
function renderOne(m: OutboundMessage): TelegramMessage[] {
  const body = escapeHtml(m.body);
  const html = m.title ? `<b>${escapeHtml(m.title)}</b>\n${body}` : body;
  const keyboard = m.actions ? withActions(m.actions, keyboardOf(m.choices)) : keyboardOf(m.choices);
  if (html.length <= CHUNK_LIMIT) return [keyboard ? { html, keyboard } : { html }];
  const chunks = splitText(html);
  return chunks.map((chunk, i) =>
    i === chunks.length - 1 && keyboard ? { html: chunk, keyboard } : { html: chunk },
  );
}

/** Standing actions (an alert's "take", "resolve", …) first, unnumbered, then the choices. */
function withActions(
  actions: readonly RenderedChoice[],
  choices: InlineKeyboardMarkup | undefined,
): InlineKeyboardMarkup {
  const rows = actions.map((a) => [{ text: label(a.label), callback_data: a.id }]);
  return { inline_keyboard: [...rows, ...(choices?.inline_keyboard ?? [])] };
}

/** One button per row, the main menu (0) last. */
function keyboardOf(choices: readonly RenderedChoice[]): InlineKeyboardMarkup | undefined {
  if (choices.length === 0) return undefined;
  const rows = new Array<InlineKeyboardButton[]>(choices.length);
  let at = 0;
  for (let i = 0; i < choices.length; i++) {
    const c = choices[i];
    if (c && c.n > 0) rows[at++] = rowOf(c);
  }
  for (let i = 0; i < choices.length; i++) {
    const c = choices[i];
    if (c && c.n === 0) rows[at++] = rowOf(c);
  }
  rows.length = at;
  return { inline_keyboard: rows };
}

interface BuiltRow {
  readonly id: string;
  readonly n: number;
  readonly row: InlineKeyboardButton[];
}

/**
 * Button rows already built, by label: the same few hundred choices are offered again and again, so
 * their rows are built once and shared (frozen). Cleared when full (labels may hold content names).
 */
const ROWS = new Map<string, BuiltRow[]>();
const ROW_LIMIT = 5000;
let rowCount = 0;

function rowOf(c: RenderedChoice): InlineKeyboardButton[] {
  let built = ROWS.get(c.label);
  if (built) {
    for (let i = 0; i < built.length; i++) {
      const b = built[i];
      if (b && b.n === c.n && b.id === c.id) return b.row;
    }
  }
  const button: InlineKeyboardButton = Object.freeze({
    text: label(`${c.n}. ${c.label}`),
    callback_data: c.id,
  });
  const row = Object.freeze([button]) as InlineKeyboardButton[];
  if (rowCount >= ROW_LIMIT) {
    ROWS.clear();
    rowCount = 0;
    built = undefined;
  }
  if (!built) ROWS.set(c.label, (built = []));
  built.push({ id: c.id, n: c.n, row });
  rowCount++;
  return row;
}
