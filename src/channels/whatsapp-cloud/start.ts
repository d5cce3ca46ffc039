import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import type { Engine } from '../../core/engine.js';
import type { Logger, Translator } from '../../core/ports.js';
import { createCloudChannel, type CloudChannel } from './channel.js';
import { createGraphApi } from './graph-api.js';
import { createInbox } from './inbox.js';
import type { WhatsAppCloudKeys } from './keys.js';
import type { MediaStore } from './media.js';
import { createCloudState } from './state.js';
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

export interface StartCloudOptions {
  readonly redis: Redis;
  readonly engine: Engine;
  readonly translator: Translator;
  /** The KP2MI call centre's number the voice-note text names (from content, `callCentreOf`). */
  readonly callCentre: string;
  readonly logger: Logger;
  readonly config: CloudSettings;
  /** The number's key names and script loading, from the storage layer. */
  readonly parts: CloudRedisParts;
  readonly http: WebhookHost;
  /** Received photos (the WhatsApp media store over this number's media keys; built by main). */
  readonly media: (keys: WhatsAppCloudKeys) => MediaStore;
  readonly onStatus?: (status: DeliveryStatus) => void;
}

export type StartCloudResult =
  { readonly ok: true; readonly channel: CloudChannel } | { readonly ok: false; readonly reason: string };

/**
 * Starts the Cloud API channel: reads the template registry (a bad file stops the start with its
 * problems), mounts the webhook (GET verification, POST notifications) on the HTTP server and handles
 * what the inbox kept from before (events a stopped or crashed process had not handled).
 */
export async function startWhatsAppCloud(opts: StartCloudOptions): Promise<StartCloudResult> {
  const { config, logger } = opts;
  let templates: TemplateRegistry = new Map();
  if (config.templatesFile) {
    const loaded = await loadTemplates(config.templatesFile);
    if (!loaded.ok) return { ok: false, reason: `WHATSAPP_CLOUD_TEMPLATES: ${loaded.errors.join('; ')}` };
    templates = loaded.registry;
  }
  const { keys } = opts.parts;
  const channel = createCloudChannel({
    inbox: createInbox(opts.redis, keys, config.claimMs, opts.parts.defineScripts),
    claimMs: config.claimMs,
    api: createGraphApi({
      root: config.graphApiRoot,
      phoneNumberId: config.phoneNumberId,
      accessToken: config.accessToken,
    }),
    state: createCloudState(opts.redis, keys),
    engine: opts.engine,
    translator: opts.translator,
    media: opts.media(keys),
    templates,
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
    { channel: 'whatsapp-cloud', templates: templates.size },
    'WhatsApp Cloud API channel started (webhook mounted)',
  );
  return { ok: true, channel };
}
