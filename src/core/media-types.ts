import type { MediaRef } from './message.js';

/**
 * The media accepted as report evidence, by type, and how their first bytes show the type (a declared
 * type is never trusted). One list for the report flow and every channel.
 */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** Voice notes: WhatsApp and Telegram record Opus in Ogg; recorders and forwards give AAC, MP4, MP3 or AMR. */
export const VOICE_TYPES = ['audio/ogg', 'audio/mp4', 'audio/aac', 'audio/mpeg', 'audio/amr'] as const;
export type VoiceType = (typeof VOICE_TYPES)[number];

/** The photo type its first bytes show, or undefined. */
export function sniffPhotoType(bytes: Buffer): PhotoType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return undefined;
}

/** The audio container its first bytes show, or undefined. */
export function sniffVoiceType(bytes: Buffer): VoiceType | undefined {
  const head = bytes.subarray(0, 12).toString('latin1');
  if (head.startsWith('OggS')) return 'audio/ogg';
  if (head.startsWith('#!AMR')) return 'audio/amr';
  if (head.slice(4, 8) === 'ftyp') return 'audio/mp4';
  if (head.startsWith('ID3')) return 'audio/mpeg';
  if (bytes.length >= 2 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xf6) === 0xf0) return 'audio/aac';
  if (bytes.length >= 2 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) return 'audio/mpeg';
  return undefined;
}

const KINDS = {
  photo: { types: PHOTO_TYPES, sniff: sniffPhotoType },
  voice: { types: VOICE_TYPES, sniff: sniffVoiceType },
} as const;

/** Whether a declared type (its parameters ignored, `audio/ogg; codecs=opus`) is accepted for `kind`. */
export function declaredTypeOk(kind: MediaRef['kind'], mime: string | undefined): boolean {
  const base = mime?.split(';')[0]?.trim().toLowerCase();
  return KINDS[kind].types.some((t) => t === base);
}

/** The accepted type the first bytes show for `kind`, or undefined. */
export const sniffMediaType = (kind: MediaRef['kind'], bytes: Buffer): string | undefined =>
  KINDS[kind].sniff(bytes);
