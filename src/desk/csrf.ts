import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The hidden field every desk form carries. */
export const CSRF_FIELD = '_csrf';

/** A random token for a form (the browser's own, before sign-in). */
export const newFormToken = (): string => randomBytes(24).toString('base64url');

/**
 * Does the form's token match the expected one (the session's, or before sign-in the browser's
 * cookie)? Compared in constant time; a missing or empty token never matches.
 */
export function csrfMatches(expected: string | undefined, form: URLSearchParams | undefined): boolean {
  const sent = form?.get(CSRF_FIELD) ?? '';
  if (!expected || !sent) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}
