import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = /^sha256=([0-9a-f]{64})$/i;

/**
 * True when `header` (`X-Hub-Signature-256: sha256=<hex>`) is the HMAC-SHA256 of the raw request body
 * with the app secret. Compared in constant time; a missing or malformed header is false. The body
 * must be the bytes as received: JSON parsed and serialised again would not match.
 */
export function validSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  const m = header ? HEADER.exec(header.trim()) : null;
  const given = m?.[1];
  if (!given) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(given, 'hex'), expected);
}

/** The header value Meta would send for `rawBody` (tests, the fake Graph API). */
export function signBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}
