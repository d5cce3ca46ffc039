import { request } from 'node:http';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { createRedisMediaStore } from '../../../src/channels/whatsapp/media.js';
import { createCloudChannel, type CloudChannel } from '../../../src/channels/whatsapp-cloud/channel.js';
import { createGraphApi } from '../../../src/channels/whatsapp-cloud/graph-api.js';
import { createInbox } from '../../../src/channels/whatsapp-cloud/inbox.js';
import { signBody } from '../../../src/channels/whatsapp-cloud/signature.js';
import { createCloudState, type CloudState } from '../../../src/channels/whatsapp-cloud/state.js';
import type { TemplateRegistry } from '../../../src/channels/whatsapp-cloud/templates.js';
import type { DeliveryStatus } from '../../../src/channels/whatsapp-cloud/to-inbound.js';
import { createWebhook } from '../../../src/channels/whatsapp-cloud/webhook.js';
import type { Engine } from '../../../src/core/engine.js';
import { createTranslator } from '../../../src/i18n/translator.js';
import { realCallCentre } from '../../helpers/engine.js';
import { startHttpServer, type HttpServer } from '../../../src/observability/http-server.js';
import { whatsAppCloudKeys } from '../../../src/storage/keys.js';
import { startFakeGraphApi, type FakeGraphApi } from '../../helpers/fake-graph-api.js';
import { testRedis } from '../../helpers/redis.js';
import { channelScripts } from '../../../src/main/channel-parts.js';

export const PHONE_ID = '1234567890';
export const TOKEN = 'test-access-token-0123456789';
export const APP_SECRET = 'test-app-secret-0123';
export const VERIFY_TOKEN = 'test-verify-token';
export const PATH = '/whatsapp/webhook';

/** A fake clock the test moves. */
export function fakeClock(start: Date) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

export interface Harness {
  readonly graph: FakeGraphApi;
  readonly http: HttpServer;
  readonly channel: CloudChannel;
  readonly state: CloudState;
  readonly statuses: DeliveryStatus[];
  readonly clock: ReturnType<typeof fakeClock>;
  /** Events stored and not yet handled. */
  inboxSize(): Promise<number>;
  /** The harness's Redis and key prefix. */
  readonly redis: Redis;
  readonly prefix: string;
  /** Posts one message from `from` (at the clock's time), waits for the answers, returns them as JSON lines. */
  say(from: string, message: Record<string, unknown>): Promise<string>;
  /** Posts a body to the webhook, signed with `secret` (the app secret unless told), raw as given. */
  post(
    body: string,
    opts?: { secret?: string; signature?: string | null },
  ): Promise<{ status: number; text: string }>;
  get(query: string): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export function httpCall(
  port: number,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The Cloud channel on the bot's HTTP server, the fake Graph API, real Redis and the given engine. */
export async function startHarness(opts: {
  engine: Engine;
  templates?: TemplateRegistry;
  start?: Date;
  maxPhotoBytes?: number;
  claimMs?: number;
}): Promise<Harness & { cleanupRedis: () => Promise<void> }> {
  const ctx = testRedis();
  const logger = pino({ level: 'silent' });
  const graph = await startFakeGraphApi({ phoneNumberId: PHONE_ID, token: TOKEN });
  const keys = whatsAppCloudKeys(ctx.prefix, PHONE_ID);
  const state = createCloudState(ctx.redis, keys);
  const clock = fakeClock(opts.start ?? new Date('2026-11-29T08:00:00Z'));
  const statuses: DeliveryStatus[] = [];
  const claimMs = opts.claimMs ?? 300;
  const inbox = createInbox(ctx.redis, keys, claimMs, channelScripts);
  const channel = createCloudChannel({
    api: createGraphApi({ root: graph.root, phoneNumberId: PHONE_ID, accessToken: TOKEN, retryDelayMs: 5 }),
    state,
    inbox,
    claimMs,
    engine: opts.engine,
    translator: createTranslator('locales'),
    callCentre: realCallCentre(),
    media: createRedisMediaStore(ctx.redis, keys.media, undefined, keys.mediaBy),
    templates: opts.templates ?? new Map(),
    phoneNumberId: PHONE_ID,
    maxPhotoBytes: opts.maxPhotoBytes ?? 5 * 1024 * 1024,
    logger,
    onStatus: (s) => statuses.push(s),
    now: clock.now,
  });
  const http = await startHttpServer({ port: 0, host: '127.0.0.1', logger });
  const webhook = createWebhook({
    verifyToken: VERIFY_TOKEN,
    appSecret: APP_SECRET,
    onPayload: (p) => channel.accept(p),
    logger,
  });
  http.route('GET', PATH, (req, res) => webhook.verify(req, res));
  http.route('POST', PATH, (req, res) => webhook.receive(req, res));
  channel.start();
  return {
    graph,
    http,
    channel,
    state,
    statuses,
    clock,
    inboxSize: () => inbox.size(),
    redis: ctx.redis,
    prefix: ctx.prefix,
    async say(from, message) {
      const before = graph.sent.length;
      const body = messageBody(from, message, clock.now());
      const posted = await httpCall(http.port, 'POST', PATH, body, {
        'x-hub-signature-256': signBody(body, APP_SECRET),
      });
      if (posted.status !== 200) throw new Error(`webhook answered ${posted.status}`);
      await channel.drain();
      return graph.sent
        .slice(before)
        .map((m) => JSON.stringify(m.payload))
        .join('\n');
    },
    post(body, o = {}) {
      const signature = o.signature === undefined ? signBody(body, o.secret ?? APP_SECRET) : o.signature;
      return httpCall(http.port, 'POST', PATH, body, {
        'content-type': 'application/json',
        ...(signature !== null ? { 'x-hub-signature-256': signature } : {}),
      });
    },
    get: (query) => httpCall(http.port, 'GET', `${PATH}?${query}`),
    async close() {
      await channel.stop();
      await http.close();
      await graph.close();
    },
    cleanupRedis: () => ctx.cleanup(),
  };
}

/** A webhook body with one `messages` change for the test number, holding `value` (fields as Meta sends them). */
const notification = (value: Record<string, unknown>): string =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: PHONE_ID },
              ...value,
            },
          },
        ],
      },
    ],
  });

let seq = 0;
/** A webhook body with one message from `from`. */
export const messageBody = (
  from: string,
  message: Record<string, unknown>,
  at: Date,
  id = `wamid.in${++seq}`,
): string =>
  notification({
    contacts: [{ profile: { name: 'Test' }, wa_id: from }],
    messages: [{ from, id, timestamp: String(Math.floor(at.getTime() / 1000)), ...message }],
  });

/** A webhook body with the delivery status of a message the bot sent. */
export const statusBody = (
  messageId: string,
  status: string,
  recipient: string,
  errorCode?: number,
): string =>
  notification({
    statuses: [
      {
        id: messageId,
        status,
        timestamp: '1764403200',
        recipient_id: recipient,
        ...(errorCode ? { errors: [{ code: errorCode, title: 'x' }] } : {}),
      },
    ],
  });
