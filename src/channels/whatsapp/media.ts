import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { downloadMediaMessage, type proto, type WAMessage } from '@whiskeysockets/baileys';
import type { Redis } from 'ioredis';
import { keepMedia, type MediaOutcome } from '../../core/media-note.js';
import { declaredTypeOk } from '../../core/media-types.js';
import type { MediaRef } from '../../core/message.js';
import type { Logger } from '../../core/ports.js';
import type { BaileysLogger } from './socket.js';

/**
 * How long a received photo is kept. It waits in Redis while the user finishes a report (a draft lives
 * in the session, forgotten after its idle time); a submitted report must copy the bytes it keeps.
 */
export const MEDIA_TTL_SECONDS = 30 * 86_400;

/** Received photos, by the key given to the engine as `MediaRef.ref`. */
export interface MediaStore {
  /** Stores a photo; `owner` (the sender's address) lists it for `forget`. */
  put(bytes: Buffer, owner?: string): Promise<string>;
  get(ref: string): Promise<Buffer | undefined>;
  /** "Delete my data": every photo the address sent, and its list. */
  forget(owner: string): Promise<void>;
  /** Whether `ref` names one of this store's media (it may have expired since). */
  owns(ref: string): boolean;
}

export function createRedisMediaStore(
  redis: Redis,
  keyOf: (id: string) => string,
  ttlSeconds = MEDIA_TTL_SECONDS,
  /** The key of the list of one sender's photos (`WhatsAppKeys.mediaBy`). */
  listOf?: (owner: string) => string,
): MediaStore {
  const pattern = keyOf('');
  return {
    async put(bytes, owner) {
      const ref = keyOf(randomUUID());
      if (!owner || !listOf) {
        await redis.set(ref, bytes, 'EX', ttlSeconds);
        return ref;
      }
      // The list first (it lives as long as its newest photo), then the bytes: a crash between the two
      // leaves a list entry without a photo, never a photo "delete my data" cannot find. The two keys
      // are in different slots under Redis Cluster, so they are not written in one transaction.
      const list = listOf(owner);
      await redis.multi().sadd(list, ref).expire(list, ttlSeconds).exec();
      await redis.set(ref, bytes, 'EX', ttlSeconds);
      return ref;
    },
    async forget(owner) {
      if (!listOf) return;
      const refs = (await redis.smembers(listOf(owner))).filter((r) => r.startsWith(pattern));
      // One key per call: each photo may sit in another Cluster slot.
      await Promise.all(refs.map((ref) => redis.del(ref)));
      await redis.del(listOf(owner));
    },
    owns: (ref) => ref.startsWith(pattern),
    async get(ref) {
      // Only this store's keys: a ref is data from a session, not a key to read anything by.
      if (!ref.startsWith(pattern)) return undefined;
      return (await redis.getBuffer(ref)) ?? undefined;
    },
  };
}

/** Downloads and decrypts the media of a message as a stream of bytes. */
export type MediaDownloader = (msg: WAMessage) => Promise<Readable>;

/** Baileys' downloader; an expired media link is re-requested from the sender's phone once. */
export function baileysDownloader(
  sock: { updateMediaMessage(msg: WAMessage): Promise<WAMessage> },
  logger: BaileysLogger,
): MediaDownloader {
  return (msg) =>
    downloadMediaMessage(msg, 'stream', {}, { logger, reuploadRequest: (m) => sock.updateMediaMessage(m) });
}

export interface MediaDeps {
  readonly download: MediaDownloader;
  readonly store: MediaStore;
  /** The sender's address, so "delete my data" finds the medium. */
  readonly owner?: string;
  readonly maxBytes: number;
  readonly logger: Logger;
}

/**
 * Receives the photo of an image message, or a recorded voice note (kept for an officer to listen to;
 * never transcribed), as report evidence: a type accepted for its kind (JPEG, PNG or WebP; Ogg, AMR,
 * MP4, AAC or MP3) and at most `maxBytes` — the type and size the message declares are checked before
 * downloading, the size again while the bytes arrive and the type from the bytes themselves (neither
 * declaration is trusted).
 */
export async function receiveMedia(
  kind: MediaRef['kind'],
  msg: WAMessage,
  declared: proto.Message.IImageMessage | proto.Message.IAudioMessage,
  deps: MediaDeps,
): Promise<MediaOutcome> {
  if (!declaredTypeOk(kind, declared.mimetype ?? undefined)) return { type: 'rejected', reason: 'type' };
  if (Number(declared.fileLength ?? 0) > deps.maxBytes) return { type: 'rejected', reason: 'too-large' };
  let bytes: Buffer | 'too-large';
  try {
    bytes = await readLimited(await deps.download(msg), deps.maxBytes);
  } catch (err) {
    deps.logger.warn({ err, channel: 'whatsapp', kind }, 'media download failed');
    return { type: 'rejected', reason: 'failed' };
  }
  return keepMedia(kind, bytes, (b) => deps.store.put(b, deps.owner));
}

async function readLimited(stream: Readable, maxBytes: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      total += buf.length;
      if (total > maxBytes) return 'too-large';
      chunks.push(buf);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
}
