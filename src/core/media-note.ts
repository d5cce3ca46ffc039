import { sniffMediaType } from './media-types.js';
import type { EngineResult, MediaRef, OutboundMessage } from './message.js';
import type { Translator } from './ports.js';

/** How receiving one photo or voice note went, in any channel that downloads media itself. */
export type MediaOutcome =
  | { readonly type: 'saved'; readonly media: MediaRef }
  | { readonly type: 'rejected'; readonly reason: 'type' | 'too-large' | 'failed' };

/**
 * The last check of downloaded media: the type its bytes show (a declared type is not trusted); kept
 * through `put` (which gives its reference) when it is one of `kind`'s types.
 */
export async function keepMedia(
  kind: MediaRef['kind'],
  bytes: Buffer | 'too-large',
  put: (bytes: Buffer) => Promise<string>,
): Promise<MediaOutcome> {
  if (bytes === 'too-large') return { type: 'rejected', reason: 'too-large' };
  const mime = sniffMediaType(kind, bytes);
  if (!mime) return { type: 'rejected', reason: 'type' };
  return { type: 'saved', media: { kind, ref: await put(bytes), mime, size: bytes.length } };
}

/** Why a channel could not take what was sent; each has a text under the channel's keys. */
export type MediaNote = 'unsupported' | 'voice' | 'photoType' | 'photoTooLarge' | 'photoFailed';

/**
 * The note a message needs: a voice note that could not be kept ("please type, or call"), a kind the
 * bot cannot read, or why a photo was refused. Nothing when all went well.
 */
export interface Received {
  /** A voice note came (kept or not). */
  readonly voiceNote: boolean;
  /** Something the bot cannot read came (video, file, location, contact…). */
  readonly unsupported: boolean;
  readonly photo?: MediaOutcome;
  readonly voice?: MediaOutcome;
}

export function mediaNote(received: Received): MediaNote | undefined {
  const { photo } = received;
  if (received.voiceNote && received.voice?.type !== 'saved') return 'voice';
  if (received.unsupported) return 'unsupported';
  if (photo?.type !== 'rejected') return undefined;
  if (photo.reason === 'type') return 'photoType';
  return photo.reason === 'too-large' ? 'photoTooLarge' : 'photoFailed';
}

/**
 * A turn's replies with a note first. When the engine only said "your message was empty" (`empty`:
 * nothing else was in it), that line is replaced by the note.
 */
export function withNote(
  messages: readonly OutboundMessage[],
  note: string,
  empty: string,
): OutboundMessage[] {
  const [first, ...rest] = messages;
  if (first?.body.startsWith(empty))
    return [{ ...first, body: note + first.body.slice(empty.length) }, ...rest];
  return [{ body: note, choices: [] }, ...messages];
}

/** What the notes' texts name: the photo size limit and the number to call instead of a voice note. */
export interface NoteSettings {
  readonly maxBytes: number;
  /** The KP2MI call centre's number, from content (`callCentreOf`). */
  readonly callCentre: string;
}

/**
 * The engine's replies to a message with the note what came with it needs, first (the WhatsApp
 * providers' texts, `whatsapp.<note>`, with the size limit in MB and the call centre's number).
 */
export function repliesWithNote(
  result: EngineResult,
  received: Received,
  translator: Translator,
  settings: NoteSettings,
): readonly OutboundMessage[] {
  const note = mediaNote(received);
  if (!note) return result.messages;
  const params = { mb: Math.floor(settings.maxBytes / 1024 / 1024), callCentre: settings.callCentre };
  const tr = (key: string) => translator.t(result.locale, key, params);
  return withNote(result.messages, tr(`whatsapp.${note}`), tr('engine.empty'));
}
