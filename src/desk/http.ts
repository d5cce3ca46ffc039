import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Html } from './html.js';

/** The largest form the desk reads (a note is at most 500 characters; the rest is small). */
const MAX_FORM_BYTES = 16 * 1024;

/**
 * Headers on every desk answer: no caching of officers' pages, no framing, no scripts, styles only
 * inline from the page itself, forms only to the desk, no referrer leaving it.
 */
const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const;

export type Headers = Readonly<Record<string, string | readonly string[]>>;

export function sendHtml(res: ServerResponse, status: number, page: Html, headers: Headers = {}): void {
  const body = Buffer.from(`<!doctype html>\n${page.text}`, 'utf8');
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
  });
  res.end(body);
}

/**
 * Starts a file to download (an export): its type and name, the body sent in parts as it is written
 * (`write`, which waits while the client is slow to take it), `end` when done. A failure after the
 * start cuts the connection (http-server.ts), so a broken file never looks complete.
 */
export function startFile(
  res: ServerResponse,
  type: string,
  filename: string,
  headers: Headers = {},
): { write(chunk: string): Promise<void> | undefined; end(): void } {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    ...headers,
    'content-type': type,
    'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
  });
  return {
    write: (chunk) => (res.write(chunk, 'utf8') ? undefined : drained(res)),
    end: () => res.end(),
  };
}

/** Resolves when `res` can take more, rejects when the client went away first. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the client closed the download'));
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

/** 303 See Other: after a form, the browser asks for `location` with GET. */
export function redirect(res: ServerResponse, location: string, headers: Headers = {}): void {
  res.writeHead(303, { ...SECURITY_HEADERS, ...headers, location, 'content-length': 0 });
  res.end();
}

/** Cookies of a request by name (the first of each name). */
export function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at < 0) continue;
    const name = pair.slice(0, at).trim();
    if (name && !out.has(name)) out.set(name, pair.slice(at + 1).trim());
  }
  return out;
}

export interface CookieOptions {
  /** Seconds; 0 deletes the cookie; absent: until the browser closes. */
  readonly maxAge?: number;
  readonly secure: boolean;
  /** Script may not read it (the session); false for none the desk sets today. */
  readonly httpOnly?: boolean;
}

/** A `Set-Cookie` value: path /desk, SameSite=Strict, HttpOnly unless told otherwise. */
export function setCookie(name: string, value: string, opts: CookieOptions): string {
  return [
    `${name}=${value}`,
    // `__Host-` cookies must have Path=/ (browsers refuse them otherwise).
    `Path=${name.startsWith('__Host-') ? '/' : '/desk'}`,
    'SameSite=Strict',
    ...(opts.httpOnly === false ? [] : ['HttpOnly']),
    ...(opts.secure ? ['Secure'] : []),
    ...(opts.maxAge !== undefined ? [`Max-Age=${String(opts.maxAge)}`] : []),
  ].join('; ');
}

/** A cookie's name: `__Host-` prefixed when served over HTTPS (bound to this host, Secure, Path=/). */
export const cookieName = (name: string, secure: boolean): string => (secure ? `__Host-${name}` : name);

/**
 * Reads an `application/x-www-form-urlencoded` body; undefined when too large or of another type (the
 * rest of a large body is read and dropped, so the answer still reaches the browser).
 */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_FORM_BYTES) chunks.push(chunk);
  }
  if (type !== 'application/x-www-form-urlencoded' || size > MAX_FORM_BYTES) return undefined;
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The client's address, for attempt limits: the socket's, or behind a proxy (`trustProxy`) the last
 * address in X-Forwarded-For (the one the proxy added; earlier ones are the client's own claim).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return socket;
  const forwarded = req.headers['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
  return list.map((a) => a.trim()).findLast((a) => a !== '') ?? socket;
}
