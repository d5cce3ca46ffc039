import { PHOTO_TYPES, VOICE_TYPES, sniffPhotoType, sniffVoiceType } from '../../core/media-types.js';
import type { MediaRef } from '../../core/message.js';
import type { Logger } from '../../core/ports.js';
import type { GraphApi } from './graph-api.js';

/** Received media by `MediaRef.ref` (the WhatsApp channel's Redis media store, passed in by main). */
export interface MediaStore {
  put(bytes: Buffer, owner?: string): Promise<string>;
  get(ref: string): Promise<Buffer | undefined>;
  forget(owner: string): Promise<void>;
}

export type MediaOutcome =
  | { readonly type: 'saved'; readonly media: MediaRef }
  | { readonly type: 'rejected'; readonly reason: 'type' | 'too-large' | 'failed' };

const base = (mime: string | undefined) => mime?.split(';')[0]?.trim().toLowerCase();

interface MediaKind {
  readonly kind: MediaRef['kind'];
  readonly types: readonly string[];
  /** The type the first bytes show (the declared type is not trusted). */
  readonly sniff: (bytes: Buffer) => string | undefined;
}

const KINDS = {
  photo: { kind: 'photo', types: PHOTO_TYPES, sniff: sniffPhotoType },
  voice: { kind: 'voice', types: VOICE_TYPES, sniff: sniffVoiceType },
} as const satisfies Record<string, MediaKind>;

type MediaDeps = { api: GraphApi; store: MediaStore; owner: string; maxBytes: number; logger: Logger };

/**
 * Downloads received media: the declared type and size are checked first (from the webhook and the
 * media lookup), then the size while the bytes arrive and the type from the bytes themselves.
 */
async function receiveMedia(
  spec: MediaKind,
  mediaId: string,
  declaredMime: string | undefined,
  deps: MediaDeps,
): Promise<MediaOutcome> {
  const allowed = (m: string | undefined) => spec.types.some((t) => t === base(m));
  if (declaredMime !== undefined && !allowed(declaredMime)) return { type: 'rejected', reason: 'type' };
  let bytes: Buffer | 'too-large';
  try {
    const info = await deps.api.mediaInfo(mediaId);
    if (info.mime !== undefined && !allowed(info.mime)) return { type: 'rejected', reason: 'type' };
    if ((info.size ?? 0) > deps.maxBytes) return { type: 'rejected', reason: 'too-large' };
    bytes = await deps.api.download(info.url, deps.maxBytes);
  } catch (err) {
    deps.logger.warn({ err, channel: 'whatsapp-cloud', kind: spec.kind }, 'media download failed');
    return { type: 'rejected', reason: 'failed' };
  }
  if (bytes === 'too-large') return { type: 'rejected', reason: 'too-large' };
  const mime = spec.sniff(bytes);
  if (!mime) return { type: 'rejected', reason: 'type' };
  const ref = await deps.store.put(bytes, deps.owner);
  return { type: 'saved', media: { kind: spec.kind, ref, mime, size: bytes.length } };
}

/** A received voice note, kept as report evidence for an officer to listen to (never transcribed). */
export const receiveVoice = (mediaId: string, declaredMime: string | undefined, deps: MediaDeps) =>
  receiveMedia(KINDS.voice, mediaId, declaredMime, deps);

/** A received photo. */
export const receivePhoto = (mediaId: string, declaredMime: string | undefined, deps: MediaDeps) =>
  receiveMedia(KINDS.photo, mediaId, declaredMime, deps);
