import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import type { WhatsAppCloudConfig } from '../../config/config.js';
import type { Engine } from '../../core/engine.js';
import type { Logger, Translator } from '../../core/ports.js';
import { whatsAppCloudKeys } from '../../storage/keys.js';
import { createCloudChannel, type CloudChannel } from './channel.js';
import { createGraphApi } from './graph-api.js';
import { createInbox } from './inbox.js';
import type { MediaStore } from './media.js';
import { createCloudState } from './state.js';
import { loadTemplates, type TemplateRegistry } from './templates.js';
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

export interface StartCloudOptions {
  readonly redis: Redis;
  readonly engine: Engine;
  readonly translator: Translator;
  readonly logger: Logger;
  readonly config: WhatsAppCloudConfig;
  /** REDIS_KEY_PREFIX. */
  readonly keyPrefix: string;
  readonly http: WebhookHost;
  /** Received photos (the WhatsApp media store over this number's media keys; built by main). */
  readonly media: (keys: ReturnType<typeof whatsAppCloudKeys>) => MediaStore;
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
  const keys = whatsAppCloudKeys(opts.keyPrefix, config.phoneNumberId);
  const channel = createCloudChannel({
    inbox: createInbox(opts.redis, keys, config.claimMs),
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
