import type { OutboundMessage } from '../../core/message.js';
import { splitAtBreaks } from '../../core/split-text.js';
import { escapeWhatsApp, formatWhatsApp } from '../../core/whatsapp-markup.js';

/** Limits of interactive messages (Cloud API reference, "interactive" object). */
export const LIMITS = {
  buttons: 3,
  buttonTitle: 20,
  rows: 10,
  rowTitle: 24,
  interactiveBody: 1024,
  header: 60,
  text: 4096,
} as const;

/** One message for `POST /<phone-number-id>/messages`, without `messaging_product` and `to`. */
export type CloudPayload =
  | { readonly type: 'text'; readonly text: { readonly body: string; readonly preview_url: false } }
  | { readonly type: 'interactive'; readonly interactive: Interactive };

type Interactive =
  | {
      readonly type: 'button';
      readonly header?: { readonly type: 'text'; readonly text: string };
      readonly body: { readonly text: string };
      readonly action: {
        readonly buttons: readonly { type: 'reply'; reply: { id: string; title: string } }[];
      };
    }
  | {
      readonly type: 'list';
      readonly header?: { readonly type: 'text'; readonly text: string };
      readonly body: { readonly text: string };
      readonly action: {
        readonly button: string;
        readonly sections: readonly { rows: readonly { id: string; title: string }[] }[];
      };
    };

/** An interactive message without its header and body: its kind and its choices. */
type Choices<T> = T extends unknown ? Omit<T, 'header' | 'body'> : never;

/** Texts of the render that come from the locale (the list's open button). */
export interface RenderLabels {
  /** The button that opens a list, at most 20 characters ("Pilih"). */
  readonly choose: string;
}

/** Splits text at paragraph, line or word ends below the Cloud API's text limit, never inside a link. */
export const splitText = (text: string, limit: number = LIMITS.text): string[] => splitAtBreaks(text, limit);

const text = (body: string): CloudPayload => ({ type: 'text', text: { body, preview_url: false } });

/**
 * One reply as Cloud API messages. Its choices (or, with none, its standing actions) become reply
 * buttons when there are at most 3 with titles of at most 20 characters, else a list when there are
 * at most 10 with titles of at most 24; a button or row id is the choice id, so a press comes back as
 * that choice. When they do not fit (or the body is too long for an interactive message) the reply
 * is numbered text, as on Baileys, and a typed number selects.
 */
export function renderCloud(msg: OutboundMessage, labels: RenderLabels): CloudPayload[] {
  const items = msg.choices.length > 0 ? msg.choices : (msg.actions ?? []);
  const title = msg.title?.replace(/\s+/g, ' ').trim();
  const header = title && title.length <= LIMITS.header ? { type: 'text' as const, text: title } : undefined;
  // Markup in the body is WhatsApp's; the header, buttons and rows show text as it is.
  const body = [!header && title ? `*${escapeWhatsApp(title, true)}*` : '', escapeWhatsApp(msg.body)]
    .filter(Boolean)
    .join('\n');
  const ordered = [...items.filter((c) => c.n !== 0), ...items.filter((c) => c.n === 0)];
  const fitsBody = body.trim().length > 0 && body.length <= LIMITS.interactiveBody;
  const ids = new Set(ordered.map((c) => c.id));
  if (ordered.length === 0 || !fitsBody || ids.size !== ordered.length)
    return splitText(formatWhatsApp(msg)).map(text);
  const fits = (max: number, title: number) =>
    ordered.length <= max && ordered.every((c) => c.label.length <= title);
  const interactive = (kind: Choices<Interactive>): CloudPayload[] => [
    { type: 'interactive', interactive: { ...kind, ...(header ? { header } : {}), body: { text: body } } },
  ];
  if (fits(LIMITS.buttons, LIMITS.buttonTitle)) {
    const buttons = ordered.map((c) => ({ type: 'reply' as const, reply: { id: c.id, title: c.label } }));
    return interactive({ type: 'button', action: { buttons } });
  }
  if (fits(LIMITS.rows, LIMITS.rowTitle)) {
    const rows = ordered.map((c) => ({ id: c.id, title: c.label }));
    const button = labels.choose.slice(0, LIMITS.buttonTitle);
    return interactive({ type: 'list', action: { button, sections: [{ rows }] } });
  }
  return splitText(formatWhatsApp(msg)).map(text);
}

/** Every reply of a turn, in order. */
export function renderCloudAll(messages: readonly OutboundMessage[], labels: RenderLabels): CloudPayload[] {
  return messages.flatMap((m) => renderCloud(m, labels));
}
