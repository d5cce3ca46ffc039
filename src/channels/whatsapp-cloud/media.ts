import { declaredTypeOk } from '../../core/media-types.js';
import { keepMedia, type MediaOutcome } from '../../core/media-note.js';
import type { MediaRef } from '../../core/message.js';
import type { Logger } from '../../core/ports.js';
import type { GraphApi } from './graph-api.js';

/** Received media by `MediaRef.ref` (the WhatsApp channel's Redis media store, passed in by main). */
export interface MediaStore {
  put(bytes: Buffer, owner?: string): Promise<string>;
  get(ref: string): Promise<Buffer | undefined>;
  forget(owner: string): Promise<void>;
}

type MediaDeps = { api: GraphApi; store: MediaStore; owner: string; maxBytes: number; logger: Logger };

/**
 * Downloads received media (a photo, or a voice note kept as report evidence for an officer to
 * listen to; never transcribed): the declared type and size are checked first (from the webhook and
 * the media lookup), then the size while the bytes arrive and the type from the bytes themselves.
 */
export async function receiveMedia(
  kind: MediaRef['kind'],
  mediaId: string,
  declaredMime: string | undefined,
  deps: MediaDeps,
): Promise<MediaOutcome> {
  const allowed = (mime: string | undefined) => mime === undefined || declaredTypeOk(kind, mime);
  if (!allowed(declaredMime)) return { type: 'rejected', reason: 'type' };
  let bytes: Buffer | 'too-large';
  try {
    const info = await deps.api.mediaInfo(mediaId);
    if (!allowed(info.mime)) return { type: 'rejected', reason: 'type' };
    if ((info.size ?? 0) > deps.maxBytes) return { type: 'rejected', reason: 'too-large' };
    bytes = await deps.api.download(info.url, deps.maxBytes);
  } catch (err) {
    deps.logger.warn({ err, channel: 'whatsapp-cloud', kind }, 'media download failed');
    return { type: 'rejected', reason: 'failed' };
  }
  return keepMedia(kind, bytes, (b) => deps.store.put(b, deps.owner));
}
