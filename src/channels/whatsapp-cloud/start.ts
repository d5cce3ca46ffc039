import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import type { Engine } from '../../core/engine.js';
import type { Logger, Translator } from '../../core/ports.js';
import { cloudSenderOf, createCloudChannel, type CloudChannel } from './channel.js';
import { createGraphApi, type GraphApi } from './graph-api.js';
import { createInbox } from './inbox.js';
import type { WhatsAppCloudKeys } from './keys.js';
import type { MediaStore } from './media.js';
import type { CloudSender } from './sender.js';
import { createCloudState, type CloudState } from './state.js';
import { loadTemplates, type TemplateRegistry } from './templates.js';
import type { CloudRedisParts } from './redis-parts.js';
import type { DeliveryStatus } from './to-inbound.js';
import { createWebhook } from './webhook.js';

/** The bot's HTTP server, where the webhook is mounted. */
export interface WebhookHost {
  route(
    method: string,
    path: string,
    handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
  ): void;
}

/** The channel's settings (WHATSAPP_CLOUD_* in the configuration). */
export interface CloudSettings {
  readonly phoneNumberId: string;
  readonly accessToken: string;
  /** Checks the signature of every webhook call. */
  readonly appSecret: string;
  /** Answers Meta's verification of the webhook. */
  readonly verifyToken: string;
  readonly webhookPath: string;
  /** The template registry (YAML), for messages outside the 24-hour window. */
  readonly templatesFile?: string;
  readonly graphApiRoot: string;
  /** Largest photo or voice note kept. */
  readonly mediaMaxBytes: number;
  /** An inbox entry held this long without renewal is taken over by another process. */
  readonly claimMs: number;
}

/** What sending on the number needs (ROLE=worker: no webhook, no inbox, no engine). */
export interface CloudSenderOptions {
  readonly redis: Redis;
  readonly translator: Translator;
  readonly logger: Logger;
  readonly config: Pick<CloudSettings, 'phoneNumberId' | 'accessToken' | 'graphApiRoot' | 'templatesFile'>;
  /** The number's key names and script loading, from the storage layer. */
  readonly parts: CloudRedisParts;
  /** Received photos (the WhatsApp media store over this number's media keys; built by main). */
  readonly media: (keys: WhatsAppCloudKeys) => MediaStore;
}

export interface StartCloudOptions extends CloudSenderOptions {
  readonly engine: Engine;
  /** The KP2MI call centre's number the voice-note text names (from content, `callCentreOf`). */
  readonly callCentre: string;
  readonly config: CloudSettings;
  readonly http: WebhookHost;
  readonly onStatus?: (status: DeliveryStatus) => void;
}

/** A start that did not happen: why (one line). */
export type NotStarted = { readonly ok: false; readonly reason: string };

export type StartCloudResult = { readonly ok: true; readonly channel: CloudChannel } | NotStarted;

/** What sends on the number: the Graph API, its state and media in Redis, the templates. */
interface SendingParts {
  readonly api: GraphApi;
  readonly state: CloudState;
  readonly media: MediaStore;
  readonly templates: TemplateRegistry;
}

/**
 * Starts the Cloud API channel: reads the template registry (a bad file stops the start with its
 * problems), mounts the webhook (GET verification, POST notifications) on the HTTP server and handles
 * what the inbox kept from before (events a stopped or crashed process had not handled).
 */
export async function startWhatsAppCloud(opts: StartCloudOptions): Promise<StartCloudResult> {
  const { config, logger } = opts;
  const sending = await sendingParts(opts);
  if (!sending.ok) return sending;
  const { parts } = sending;
  const channel = createCloudChannel({
    ...parts,
    inbox: createInbox(opts.redis, opts.parts.keys, config.claimMs, opts.parts.defineScripts),
    claimMs: config.claimMs,
    engine: opts.engine,
    translator: opts.translator,
    phoneNumberId: config.phoneNumberId,
    maxPhotoBytes: config.mediaMaxBytes,
    callCentre: opts.callCentre,
    logger,
    ...(opts.onStatus ? { onStatus: opts.onStatus } : {}),
  });
  const webhook = createWebhook({
    verifyToken: config.verifyToken,
    appSecret: config.appSecret,
    onPayload: (payload) => channel.accept(payload),
    accepting: () => channel.accepting(),
    logger,
  });
  opts.http.route('GET', config.webhookPath, (req, res) => webhook.verify(req, res));
  opts.http.route('POST', config.webhookPath, (req, res) => webhook.receive(req, res));
  channel.start();
  logger.info(
    { channel: 'whatsapp-cloud', templates: parts.templates.size },
    'WhatsApp Cloud API channel started (webhook mounted)',
  );
  return { ok: true, channel };
}

/**
 * ROLE=worker: the number's sender alone (src/main/service.ts `runWorker`), built as the channel builds
 * its own (`cloudSenderOf`). The Graph API is stateless HTTPS and what the sender reads and writes (the
 * 24-hour window, held messages, unreachable marks, received media) is in Redis, so a worker sends
 * alerts and broadcasts itself; messages held for a user go out from the process that receives that
 * user's next message. A bad template registry stops the start as it stops the channel's.
 */
export async function startCloudSender(
  opts: CloudSenderOptions,
): Promise<{ readonly ok: true; readonly sender: CloudSender } | NotStarted> {
  const sending = await sendingParts(opts);
  if (!sending.ok) return sending;
  return {
    ok: true,
    sender: cloudSenderOf({ ...sending.parts, translator: opts.translator, logger: opts.logger }),
  };
}

/** The number's sending parts from its settings; the template registry is read here. */
async function sendingParts(
  opts: CloudSenderOptions,
): Promise<{ readonly ok: true; readonly parts: SendingParts } | NotStarted> {
  const { config } = opts;
  let templates: TemplateRegistry = new Map();
  if (config.templatesFile) {
    const loaded = await loadTemplates(config.templatesFile);
    if (!loaded.ok) return { ok: false, reason: `WHATSAPP_CLOUD_TEMPLATES: ${loaded.errors.join('; ')}` };
    templates = loaded.registry;
  }
  const { keys } = opts.parts;
  const api = createGraphApi({
    root: config.graphApiRoot,
    phoneNumberId: config.phoneNumberId,
    accessToken: config.accessToken,
  });
  return {
    ok: true,
    parts: { api, state: createCloudState(opts.redis, keys), media: opts.media(keys), templates },
  };
}
