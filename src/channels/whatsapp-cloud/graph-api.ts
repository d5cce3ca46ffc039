import type { CloudPayload } from './render.js';

/**
 * How a failed Graph API call is handled (Cloud API error codes):
 * - `rate-limit`: 130429 (throughput), 131056 (pair rate), 80007, 4, 613 and HTTP 429 — retried with backoff;
 * - `re-engagement`: 131047, more than 24 hours since the user wrote — only a template may be sent;
 * - `undeliverable`: 131026 (not on WhatsApp, old app, blocked), 131051 unsupported — mark unreachable;
 * - `temporary`: HTTP 5xx, 131000/131016 (something went wrong, service unavailable), network — retried;
 * - `fatal`: the rest (bad token, bad parameters, template missing): not retried.
 */
export type GraphErrorClass = 'rate-limit' | 're-engagement' | 'undeliverable' | 'temporary' | 'fatal';

const RATE_LIMIT = new Set([4, 613, 80007, 130429, 131056]);
const UNDELIVERABLE = new Set([131026, 131051]);
const TEMPORARY = new Set([1, 2, 131000, 131016]);

export function classifyGraphError(httpStatus: number, code: number | undefined): GraphErrorClass {
  if (code === 131047) return 're-engagement';
  if (code !== undefined && UNDELIVERABLE.has(code)) return 'undeliverable';
  if (httpStatus === 429 || (code !== undefined && RATE_LIMIT.has(code))) return 'rate-limit';
  if (httpStatus >= 500 || httpStatus === 0 || (code !== undefined && TEMPORARY.has(code)))
    return 'temporary';
  return 'fatal';
}

export class GraphError extends Error {
  constructor(
    readonly kind: GraphErrorClass,
    readonly httpStatus: number,
    readonly code: number | undefined,
    message: string,
  ) {
    super(`Graph API ${httpStatus}${code !== undefined ? ` code ${code}` : ''}: ${message}`);
    this.name = 'GraphError';
  }
}

export interface GraphApiOptions {
  /** e.g. https://graph.facebook.com/v21.0 (tests: the fake Graph API). */
  readonly root: string;
  readonly phoneNumberId: string;
  readonly accessToken: string;
  /** Retries of a rate-limited or temporary failure; the delay doubles from `retryDelayMs`. */
  readonly retries?: number;
  readonly retryDelayMs?: number;
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface MediaInfo {
  readonly url: string;
  readonly mime?: string;
  readonly size?: number;
}

export interface GraphApi {
  /** Sends one message; resolves to its `wamid`. Throws `GraphError` after the retries. */
  send(to: string, payload: CloudPayload | TemplatePayload | MediaPayload): Promise<string>;
  /** Uploads bytes for sending (evidence to an officer); resolves to the media id. */
  upload(bytes: Buffer, mime: string): Promise<string>;
  /** The download address, type and size of a received medium. */
  mediaInfo(mediaId: string): Promise<MediaInfo>;
  /** The bytes at a media address (with the token), read up to `maxBytes`; 'too-large' beyond. */
  download(url: string, maxBytes: number): Promise<Buffer | 'too-large'>;
}

/** A photo or a voice note uploaded before (`upload`), sent by its media id. */
export type MediaPayload =
  | { readonly type: 'image'; readonly image: { readonly id: string } }
  | { readonly type: 'audio'; readonly audio: { readonly id: string } };

export interface TemplatePayload {
  readonly type: 'template';
  readonly template: {
    readonly name: string;
    readonly language: { readonly code: string };
    readonly components?: readonly {
      readonly type: 'body';
      readonly parameters: readonly { type: 'text'; text: string }[];
    }[];
  };
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The Graph API over plain `fetch` (Node 20): the bot needs four calls, and a client library (the
 * official Node SDK is archived; community ones wrap the same JSON) would add a dependency without
 * adding a check — the error classification above is ours either way.
 */
export function createGraphApi(opts: GraphApiOptions): GraphApi {
  const retries = opts.retries ?? 4;
  const delay = opts.retryDelayMs ?? 1000;
  const sleep = opts.sleep ?? wait;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const auth = { authorization: `Bearer ${opts.accessToken}` };

  async function call(url: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new GraphError('temporary', 0, undefined, err instanceof Error ? err.message : String(err));
    }
    if (res.ok) return res;
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: unknown; message?: unknown } };
    const code = typeof body.error?.code === 'number' ? body.error.code : undefined;
    const message = typeof body.error?.message === 'string' ? body.error.message : res.statusText;
    throw new GraphError(classifyGraphError(res.status, code), res.status, code, message);
  }

  async function withRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (err) {
        const again = err instanceof GraphError && (err.kind === 'rate-limit' || err.kind === 'temporary');
        if (!again || attempt >= retries) throw err;
        await sleep(delay * 2 ** attempt);
      }
    }
  }

  return {
    send(to, payload) {
      return withRetry(async () => {
        const res = await call(`${opts.root}/${opts.phoneNumberId}/messages`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            messaging_product: 'whatsapp',
            recipient_type: 'individual',
            to,
            ...payload,
          }),
        });
        const json = (await res.json()) as { messages?: { id?: unknown }[] };
        const id = json.messages?.[0]?.id;
        return typeof id === 'string' ? id : '';
      });
    },
    upload(bytes, mime) {
      return withRetry(async () => {
        const form = new FormData();
        form.append('messaging_product', 'whatsapp');
        form.append('type', mime);
        form.append(
          'file',
          new Blob([bytes], { type: mime }),
          mime.startsWith('audio/') ? 'voice.ogg' : 'photo',
        );
        const res = await call(`${opts.root}/${opts.phoneNumberId}/media`, {
          method: 'POST',
          headers: auth,
          body: form,
        });
        const json = (await res.json()) as { id?: unknown };
        if (typeof json.id !== 'string') throw new GraphError('fatal', res.status, undefined, 'no media id');
        return json.id;
      });
    },
    mediaInfo(mediaId) {
      return withRetry(async () => {
        const res = await call(`${opts.root}/${encodeURIComponent(mediaId)}`, { headers: auth });
        const json = (await res.json()) as { url?: unknown; mime_type?: unknown; file_size?: unknown };
        if (typeof json.url !== 'string')
          throw new GraphError('fatal', res.status, undefined, 'no media url');
        return {
          url: json.url,
          ...(typeof json.mime_type === 'string' ? { mime: json.mime_type } : {}),
          ...(typeof json.file_size === 'number' ? { size: json.file_size } : {}),
        };
      });
    },
    async download(url, maxBytes) {
      const res = await withRetry(() => call(url, { headers: auth }));
      const declared = Number(res.headers.get('content-length') ?? 0);
      if (declared > maxBytes || !res.body) {
        await res.body?.cancel();
        return declared > maxBytes ? 'too-large' : Buffer.alloc(0);
      }
      const chunks: Buffer[] = [];
      let total = 0;
      const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          total += value.length;
          if (total > maxBytes) return 'too-large';
          chunks.push(Buffer.from(value));
        }
      } finally {
        await reader.cancel().catch(() => undefined);
      }
      return Buffer.concat(chunks);
    },
  };
}
