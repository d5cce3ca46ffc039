import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../core/ports.js';
import { validSignature } from './signature.js';

/** Webhook bodies larger than this are refused unread (Meta batches stay far below it). */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

export interface WebhookOptions {
  readonly verifyToken: string;
  readonly appSecret: string;
  /**
   * Called with each signed, parsed body; the webhook answers 200 once it resolves (the body is
   * stored), 503 when it rejects (Meta delivers it again).
   */
  readonly onPayload: (payload: unknown) => Promise<void>;
  readonly logger: Logger;
  readonly maxBytes?: number;
  /** False while stopping: bodies get 503 and Meta sends them again later. */
  readonly accepting?: () => boolean;
}

export interface WebhookHandlers {
  /** `GET`: Meta's subscription check (`hub.mode=subscribe`, `hub.verify_token`, `hub.challenge`). */
  verify(req: IncomingMessage, res: ServerResponse): void;
  /** `POST`: a signed notification (messages, statuses). */
  receive(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

function answer(res: ServerResponse, status: number, text = ''): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** The body as bytes, or 'too-large' as soon as it passes `maxBytes` (the rest is not read). */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return 'too-large';
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > maxBytes) return 'too-large';
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * The Cloud API webhook. GET answers the challenge only for the configured verify token. POST checks
 * `X-Hub-Signature-256` over the raw body with the app secret before anything is parsed: an unsigned
 * or forged body gets 401, one over the size limit 413, unreadable JSON 400. A good body is handed to
 * `onPayload`, which stores it, and answered 200 as soon as it is stored (Meta re-sends what is not
 * acknowledged quickly); it is handled after, from the store, so a crash after the 200 loses nothing.
 */
export function createWebhook(opts: WebhookOptions): WebhookHandlers {
  const maxBytes = opts.maxBytes ?? MAX_WEBHOOK_BYTES;
  return {
    verify(req, res) {
      const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const challenge = query.get('hub.challenge');
      if (
        query.get('hub.mode') === 'subscribe' &&
        query.get('hub.verify_token') === opts.verifyToken &&
        challenge !== null
      ) {
        answer(res, 200, challenge);
        return;
      }
      opts.logger.warn({ channel: 'whatsapp-cloud' }, 'webhook verification refused');
      answer(res, 403);
    },
    async receive(req, res) {
      if (opts.accepting && !opts.accepting()) {
        res.writeHead(503, { 'retry-after': '5' }).end();
        req.resume();
        return;
      }
      const body = await readBody(req, maxBytes);
      if (body === 'too-large') {
        answer(res, 413);
        req.resume();
        return;
      }
      const signature = req.headers['x-hub-signature-256'];
      if (!validSignature(body, typeof signature === 'string' ? signature : undefined, opts.appSecret)) {
        opts.logger.warn({ channel: 'whatsapp-cloud' }, 'webhook body with a bad signature refused');
        answer(res, 401);
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch {
        answer(res, 400);
        return;
      }
      try {
        await opts.onPayload(payload);
      } catch (err) {
        opts.logger.error(
          { err, channel: 'whatsapp-cloud' },
          'webhook body not stored; Meta will send it again',
        );
        res.writeHead(503, { 'retry-after': '5' }).end();
        return;
      }
      answer(res, 200);
    },
  };
}
