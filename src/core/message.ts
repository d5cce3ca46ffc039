import type { Locale } from './locale.js';

/** The channels one conversation core serves. */
export type ChannelName = 'console' | 'telegram' | 'whatsapp';

/**
 * A reference to a medium a channel received (a photo, or a recorded voice note); the core never
 * holds the bytes and never transcribes a voice note.
 */
export interface MediaRef {
  readonly kind: 'photo' | 'voice';
  readonly ref: string;
  readonly mime?: string;
  readonly size?: number;
}

/**
 * One message from a user, as a channel adapter hands it to the engine.
 * Adapters translate SDK objects into this shape; the engine never sees an SDK object.
 * Everything here is untrusted input: `choiceId` comes from button data a client can forge.
 */
export interface InboundMessage {
  readonly channel: ChannelName;
  /** Stable per-user key such as `telegram:123` or `console:local`. */
  readonly userKey: string;
  readonly text?: string;
  /** Id of a pressed button, re-validated against the current prompt. */
  readonly choiceId?: string;
  /** The conversation was (re)started, e.g. Telegram `/start`; `text` may hold a deep-link payload. */
  readonly start?: boolean;
  readonly media?: readonly MediaRef[];
  readonly receivedAt: Date;
}

/** Plain values, as the translator takes them. */
export type Params = Readonly<Record<string, string | number>>;

/** A piece of user-facing text: an i18n key with params, or text already localised (from content). */
export type Text =
  | { readonly key: string; readonly params?: TextParams }
  | { readonly literal: string }
  /** Texts shown as consecutive lines of one paragraph (a summary, a list). */
  | { readonly lines: readonly Text[] };

/** Params may themselves be texts (e.g. a translated label inside a sentence); they are rendered first. */
export type TextParams = Readonly<Record<string, string | number | Text>>;

export const t = (key: string, params?: TextParams): Text => (params ? { key, params } : { key });
export const literal = (text: string): Text => ({ literal: text });
export const lines = (texts: readonly Text[]): Text => ({ lines: texts });

/** One selectable option. `id` is stable and short (it travels in button data). */
export interface Choice {
  readonly id: string;
  readonly label: Text;
  /** A yes/no word ("iya", "gak") selects this choice ("see the result now?" → yes). */
  readonly means?: 'yes' | 'no';
  /**
   * The label holds what a user typed (a name told to the departure/return register): its words
   * select it like any label's, but the engine's cache of folded labels never keeps it.
   */
  readonly typed?: true;
}

/** What a flow says: a title, paragraphs, and the choices offered. */
export interface Reply {
  readonly title?: Text;
  readonly body: readonly Text[];
  readonly choices?: readonly Choice[];
  /**
   * Buttons that work at any step (alert actions): channels with buttons show them; others rely on
   * the typed commands the body spells out.
   */
  readonly actions?: readonly Choice[];
  /** Photos to show with the text (report evidence in an alert), where the channel can send them. */
  readonly media?: readonly MediaRef[];
  /**
   * Sent as a message of its own, never joined with the replies around it: a reply held to a length
   * (the offer checker's short result) stays that length on every channel.
   */
  readonly separate?: true;
}

/** A choice after rendering: `n` is the number the user may type (0 is always the main menu). */
export interface RenderedChoice {
  readonly id: string;
  readonly n: number;
  readonly label: string;
}

/** A reply rendered to plain text in the user's locale; channels format and escape it. */
export interface OutboundMessage {
  readonly title?: string;
  readonly body: string;
  readonly choices: readonly RenderedChoice[];
  /** Standing actions (see `Reply.actions`), not numbered. */
  readonly actions?: readonly RenderedChoice[];
  readonly media?: readonly MediaRef[];
  /**
   * A broadcast to subscribers (not a reply, not an alert): channels that may only send approved
   * templates to users who have not written lately (the WhatsApp Cloud API) pick its template by it.
   */
  readonly broadcast?: true;
  /** See `Reply.separate`: channels that join short replies of a turn leave this one alone. */
  readonly separate?: true;
}

/** Everything the engine answers to one inbound message. */
export interface EngineResult {
  readonly locale: Locale;
  readonly messages: readonly OutboundMessage[];
}
