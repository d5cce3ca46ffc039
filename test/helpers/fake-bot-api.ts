import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Update, UserFromGetMe } from 'grammy/types';

export interface ApiCall {
  readonly method: string;
  readonly payload: Record<string, unknown>;
}

export type Fault =
  { readonly code: 429; readonly retryAfter: number } | { readonly code: 500 | 502 | 403 | 400 };

export const BOT_INFO: UserFromGetMe = {
  id: 42,
  is_bot: true,
  first_name: 'Demimas',
  username: 'demimas_test_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export interface FakeBotApi {
  /** `apiRoot` for grammY: `new Bot(token, { client: { apiRoot } })`. */
  readonly apiRoot: string;
  /** Every call the bot made, in order. */
  readonly calls: ApiCall[];
  /** Answers the next calls of `method` with these errors, one per call. */
  fail(method: string, ...faults: Fault[]): void;
  /** Answers every call of `method` this long after it arrived (it is recorded on arrival). */
  delay(method: string, ms: number): void;
  /** Queues updates for `getUpdates` (long polling). */
  push(...updates: Update[]): void;
  sent(): ApiCall[];
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * A small Bot API server for tests: records every call, answers like Telegram, and can be told to
 * answer 429 (with retry_after), 5xx or 403 (user blocked the bot).
 */
export async function startFakeBotApi(): Promise<FakeBotApi> {
  const calls: ApiCall[] = [];
  const faults = new Map<string, Fault[]>();
  const delays = new Map<string, number>();
  const updates: Update[] = [];
  let messageId = 100;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const method = (req.url ?? '').split('/').pop()?.split('?')[0] ?? '';
      const payload = await body(req);
      calls.push({ method, payload });
      const wait = delays.get(method);
      if (wait) await new Promise((r) => setTimeout(r, wait));
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      const fault = faults.get(method)?.shift();
      if (fault) {
        const description =
          fault.code === 429
            ? 'Too Many Requests: retry later'
            : fault.code === 403
              ? 'Forbidden: bot was blocked by the user'
              : 'Internal Server Error';
        reply(fault.code, {
          ok: false,
          error_code: fault.code,
          description,
          ...(fault.code === 429 ? { parameters: { retry_after: fault.retryAfter } } : {}),
        });
        return;
      }
      switch (method) {
        case 'getMe':
          return reply(200, { ok: true, result: BOT_INFO });
        case 'getUpdates': {
          const offset = typeof payload.offset === 'number' ? payload.offset : 0;
          const ready = updates.filter((u) => u.update_id >= offset);
          if (ready.length === 0) await new Promise((r) => setTimeout(r, 50));
          return reply(200, { ok: true, result: ready });
        }
        case 'sendMessage':
          return reply(200, {
            ok: true,
            result: {
              message_id: ++messageId,
              date: 0,
              chat: { id: payload.chat_id, type: 'private' },
              text: payload.text,
            },
          });
        default:
          return reply(200, { ok: true, result: true });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    fail: (method, ...list) => faults.set(method, [...(faults.get(method) ?? []), ...list]),
    delay: (method, ms) => delays.set(method, ms),
    push: (...list) => updates.push(...list),
    sent: () => calls.filter((c) => c.method === 'sendMessage'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let nextUpdate = 1;
export const textUpdate = (
  chatId: number,
  text: string,
  chatType: 'private' | 'group' = 'private',
): Update => ({
  update_id: nextUpdate++,
  message: {
    message_id: nextUpdate,
    date: 0,
    chat:
      chatType === 'private'
        ? { id: chatId, type: 'private', first_name: 'Siti' }
        : { id: chatId, type: 'group', title: 'Desa' },
    from: { id: chatId, is_bot: false, first_name: 'Siti' },
    text,
    ...(text.startsWith('/')
      ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }] }
      : {}),
  },
});

export const buttonUpdate = (chatId: number, data: string): Update => ({
  update_id: nextUpdate++,
  callback_query: {
    id: String(nextUpdate),
    chat_instance: 'x',
    from: { id: chatId, is_bot: false, first_name: 'Siti' },
    message: {
      message_id: 7,
      date: 0,
      chat: { id: chatId, type: 'private', first_name: 'Siti' },
      text: 'menu',
    },
    data,
  },
});

/** A photo message (with a caption) as Telegram delivers it: sizes small to large, file ids. */
export const photoUpdate = (chatId: number, fileId: string, caption = ''): Update => ({
  update_id: nextUpdate++,
  message: {
    message_id: nextUpdate,
    date: 0,
    chat: { id: chatId, type: 'private', first_name: 'Siti' },
    from: { id: chatId, is_bot: false, first_name: 'Siti' },
    photo: [
      { file_id: `${fileId}-small`, file_unique_id: `${fileId}-s`, width: 90, height: 120, file_size: 2_000 },
      { file_id: fileId, file_unique_id: `${fileId}-l`, width: 960, height: 1280, file_size: 180_000 },
    ],
    ...(caption ? { caption } : {}),
  },
});
