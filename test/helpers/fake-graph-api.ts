import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One message the bot posted to `/<phone-number-id>/messages`. */
export interface SentMessage {
  readonly to: string;
  readonly type: string;
  readonly payload: Record<string, unknown>;
  readonly id: string;
}

/** An error answer of the Graph API: HTTP status and the `error.code` Meta gives. */
export interface GraphFault {
  readonly status: number;
  readonly code: number;
}

export interface FakeGraphApi {
  /** GRAPH_API_ROOT for the bot. */
  readonly root: string;
  readonly sent: SentMessage[];
  /** Media the bot uploaded (`POST /<phone id>/media`, multipart): id, declared type and size. */
  readonly uploads: { id: string; type: string; bytes: number }[];
  /** Media the bot may download: id → bytes and declared type. */
  addMedia(id: string, bytes: Buffer, mime: string): void;
  /** Answers the next sends with these errors, one per send (`null`: that send goes through). */
  failSends(...faults: (GraphFault | null)[]): void;
  /**
   * The next request of this kind (`send`: a message; `media`: a media lookup) is held and never
   * answered, as when the bot dies waiting for it; resolves when it has arrived. Nothing is recorded.
   */
  holdNext(kind: 'send' | 'media'): Promise<void>;
  /** Requests that carried a wrong or no bearer token. */
  readonly unauthorised: number;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The fields of a multipart/form-data body by name (enough for the bot's uploads). */
function multipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const fields = new Map<string, Buffer>();
  const mark = boundary ? `--${boundary[1] ?? boundary[2] ?? ''}` : undefined;
  if (!mark) return fields;
  let at = body.indexOf(mark);
  while (at >= 0) {
    const headEnd = body.indexOf('\r\n\r\n', at);
    const next = body.indexOf(`\r\n${mark}`, headEnd);
    if (headEnd < 0 || next < 0) break;
    const name = /name="([^"]+)"/.exec(body.subarray(at, headEnd).toString('utf8'))?.[1];
    if (name) fields.set(name, body.subarray(headEnd + 4, next));
    at = next + 2;
  }
  return fields;
}

/**
 * A small Graph API server for tests (no network): `POST /<phone id>/messages` records the message and
 * answers a `wamid`, or a queued error in Meta's shape; `GET /<media id>` answers the media's download
 * address, type and size; that address serves the bytes. Every call must carry the access token.
 */
export async function startFakeGraphApi(opts: {
  phoneNumberId: string;
  token: string;
}): Promise<FakeGraphApi> {
  const sent: SentMessage[] = [];
  const uploads: { id: string; type: string; bytes: number }[] = [];
  const media = new Map<string, { bytes: Buffer; mime: string }>();
  const faults: (GraphFault | null)[] = [];
  const holds = { send: [] as (() => void)[], media: [] as (() => void)[] };
  /** True when the request is held (left unanswered). */
  const held = (kind: keyof typeof holds) => {
    const arrived = holds[kind].shift();
    arrived?.();
    return arrived !== undefined;
  };
  let unauthorised = 0;
  let n = 0;
  let root = '';
  const server: Server = createServer((req, res) => {
    void (async () => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${opts.token}`) {
        unauthorised++;
        json(401, { error: { message: 'Invalid OAuth access token', type: 'OAuthException', code: 190 } });
        return;
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (req.method === 'POST' && path === `/${opts.phoneNumberId}/messages`) {
        const payload = await readJson(req);
        if (held('send')) return;
        const fault = faults.shift();
        if (fault) {
          json(fault.status, {
            error: { message: `fault ${fault.code}`, type: 'OAuthException', code: fault.code },
          });
          return;
        }
        const id = `wamid.out${++n}`;
        sent.push({ to: String(payload.to), type: String(payload.type), payload, id });
        json(200, { messaging_product: 'whatsapp', contacts: [{ wa_id: payload.to }], messages: [{ id }] });
        return;
      }
      if (req.method === 'POST' && path === `/${opts.phoneNumberId}/media`) {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const parts = multipart(Buffer.concat(chunks), req.headers['content-type'] ?? '');
        const file = parts.get('file');
        if (parts.get('messaging_product')?.toString() !== 'whatsapp' || !file) {
          return json(400, { error: { message: 'bad upload', code: 100 } });
        }
        const id = `upload-${uploads.length + 1}`;
        uploads.push({ id, type: parts.get('type')?.toString() ?? '', bytes: file.length });
        return json(200, { id });
      }
      const file = /^\/files\/(.+)$/.exec(path);
      if (req.method === 'GET' && file?.[1]) {
        const m = media.get(decodeURIComponent(file[1]));
        if (!m) return json(404, { error: { message: 'no such media', code: 100 } });
        res.writeHead(200, { 'content-type': m.mime, 'content-length': m.bytes.length });
        res.end(m.bytes);
        return;
      }
      const lookup = /^\/([^/]+)$/.exec(path);
      const m = lookup?.[1] ? media.get(decodeURIComponent(lookup[1])) : undefined;
      if (req.method === 'GET' && lookup?.[1] && m) {
        if (held('media')) return;
        json(200, {
          messaging_product: 'whatsapp',
          url: `${root}/files/${lookup[1]}`,
          mime_type: m.mime,
          file_size: m.bytes.length,
          id: lookup[1],
        });
        return;
      }
      json(404, { error: { message: 'unknown path', code: 100 } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    root,
    sent,
    uploads,
    addMedia: (id, bytes, mime) => media.set(id, { bytes, mime }),
    failSends: (...f) => faults.push(...f),
    holdNext: (kind) => new Promise<void>((resolve) => holds[kind].push(resolve)),
    get unauthorised() {
      return unauthorised;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
