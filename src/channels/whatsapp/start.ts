import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  Browsers,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  makeCacheableSignalKeyStore,
  type UserFacingSocketConfig,
} from '@whiskeysockets/baileys';
import type { Redis } from 'ioredis';
import type { Engine } from '../../core/engine.js';
import type { MediaRef } from '../../core/message.js';
import type { Lease, MessageSender, Translator } from '../../core/ports.js';
import { loadRedisAuthState } from './auth-state.js';
import { createConnection, type WhatsAppHealth } from './connection.js';
import { createContactBook } from './contacts.js';
import type { WhatsAppRedisParts } from './redis-parts.js';
import { baileysDownloader, createRedisMediaStore, type MediaDownloader, type MediaStore } from './media.js';
import { createMessageHandler } from './message-handler.js';
import { createOutbox } from './outbox.js';
import { pairingDisplay } from './pairing-display.js';
import type { BackoffPolicy } from './reconnect.js';
import { createSeenMessages } from './seen-messages.js';
import { createWhatsAppSender } from './sender.js';
import type { BaileysLogger, SocketFactory, WhatsAppSocket } from './socket.js';

/** The lease on the number expires this long after its holder stopped renewing it (crashed). */
export const LEASE_TTL_MS = 30_000;

/** The channel's settings (WHATSAPP_* in the configuration). */
export interface WhatsAppSettings {
  /** Names this number's keys and its lease. */
  readonly account: string;
  /** Pair with a code sent to this phone instead of a QR code. */
  readonly pairingPhone?: string;
  /** Pause between two sent messages, and the random part added to it. */
  readonly sendIntervalMs: number;
  readonly sendJitterMs: number;
  /** Group chats the bot answers in (none by default). */
  readonly groups: readonly string[];
  /** Largest photo or voice note kept. */
  readonly mediaMaxBytes: number;
  /** Baileys' own log level. */
  readonly libLogLevel: string;
}

export interface StartWhatsAppOptions {
  readonly redis: Redis;
  readonly engine: Engine;
  readonly translator: Translator;
  /** The KP2MI call centre's number the voice-note text names (from content, `callCentreOf`). */
  readonly callCentre: string;
  /** pino-compatible; Baileys gets a child of it at `config.libLogLevel`. */
  readonly logger: BaileysLogger;
  readonly config: WhatsAppSettings;
  /** The number's key names, its lease, script loading and key scans, from the storage layer. */
  readonly parts: WhatsAppRedisParts;
  /** Baileys' `makeWASocket` (passed by main.ts, the only place that constructs sockets) or a fake. */
  readonly makeSocket: SocketFactory;
  /** Where the QR code or pairing code is shown; stderr by default. */
  readonly terminal?: NodeJS.WritableStream;
  /** How long to wait for a lease held by another process (one that died frees it within the TTL). */
  readonly leaseWaitMs?: number;
  readonly leaseTtlMs?: number;
  readonly backoff?: BackoffPolicy;
  /** Replaces Baileys' media download (tests). */
  readonly downloader?: (sock: WhatsAppSocket) => MediaDownloader;
  readonly idlePollMs?: number;
  /** Merged into Baileys' socket options (e.g. `waWebSocketUrl` of a local test server). */
  readonly socketOptions?: Partial<UserFacingSocketConfig>;
}

export interface WhatsAppChannel {
  /** Sends alerts and notices through the paced outbox, only to addresses that may be messaged. */
  readonly sender: MessageSender;
  /** Officer registration: lets the bot message this address although it may not have written first. */
  markContactable(address: string): Promise<void>;
  /** Received photos, by `MediaRef.ref`. */
  readonly media: MediaStore;
  /**
   * "Delete my data": the address leaves the contact book, its photos are deleted, and messages to it
   * that were given up (the dead list) are dropped. Messages still queued for it are sent as usual.
   */
  forget(address: string): Promise<void>;
  health(): WhatsAppHealth;
  /** Stops intake, answers what was received, stops sending (the queue stays in Redis), frees the number. */
  stop(): Promise<void>;
}

export type StartWhatsAppResult =
  { readonly ok: true; readonly channel: WhatsAppChannel } | { readonly ok: false; readonly reason: string };

/**
 * Starts the WhatsApp channel: takes the lease on the number (refusing to start when another process
 * keeps it), loads the auth state from Redis, starts the paced outbox and connects.
 */
export async function startWhatsApp(opts: StartWhatsAppOptions): Promise<StartWhatsAppResult> {
  const { redis, config, logger } = opts;
  const { keys } = opts.parts;
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const ttlMs = opts.leaseTtlMs ?? LEASE_TTL_MS;

  let stopping: Promise<void> | undefined;
  const taken = await opts.parts.takeLease({
    owner,
    ttlMs,
    waitMs: opts.leaseWaitMs ?? ttlMs + 5000,
    onLost: (reason) => {
      logger.error({ channel: 'whatsapp', reason }, 'WhatsApp lease lost: stopping WhatsApp at once');
      void stop('lease_lost');
    },
    onRenewError: (err) => logger.warn({ err, channel: 'whatsapp' }, 'WhatsApp lease not renewed; retrying'),
  });
  if (taken.type === 'held') {
    return {
      ok: false,
      reason: `WhatsApp account "${config.account}" is run by another process (${taken.owner}); its lease ends in ${Math.ceil(taken.ttlMs / 1000)} s if that process is gone`,
    };
  }
  const lease: Lease = taken.lease;

  const auth = await loadRedisAuthState(redis, keys.auth, opts.parts.deleteMatching);
  const libLogger = logger.child({ module: 'baileys' });
  libLogger.level = config.libLogLevel;
  const contacts = createContactBook(redis, keys.contactable);
  const media = createRedisMediaStore(redis, keys.media, undefined, keys.mediaBy);

  const connection = createConnection({
    makeSocket: () =>
      opts.makeSocket({ ...socketConfig(auth.state, libLogger, config.groups), ...opts.socketOptions }),
    attach: (sock) => handler.attach(sock),
    saveCreds: () => auth.saveCreds(),
    forgetAuth: () => auth.clear(),
    pairing: {
      ...(config.pairingPhone ? { phone: config.pairingPhone } : {}),
      isRegistered: () => auth.state.creds.registered,
      ...pairingDisplay(opts.terminal ?? process.stderr),
    },
    onOpen: () => outbox.wake(),
    logger,
    ...(opts.backoff ? { backoff: opts.backoff } : {}),
  });
  const outbox = createOutbox({
    redis,
    keys: keys.outbox,
    defineScripts: opts.parts.defineScripts,
    deliver: async (item) => {
      const sock = connection.openSocket();
      if (!sock) throw new Error('WhatsApp not connected');
      if ('media' in item) {
        await sendEvidence(sock, item.to, item.media);
        return;
      }
      // No link previews: they cost the reader data and fetch the linked page from this server.
      await sock.sendMessage(item.to, { text: item.text, linkPreview: null });
    },
    canDeliver: () => connection.health().ready && lease.held(),
    intervalMs: config.sendIntervalMs,
    jitterMs: config.sendJitterMs,
    logger,
    ...(opts.idlePollMs ? { idlePollMs: opts.idlePollMs } : {}),
  });
  const handler = createMessageHandler({
    engine: opts.engine,
    translator: opts.translator,
    outbox,
    contacts,
    seen: createSeenMessages(redis, keys.seen),
    media,
    downloader: opts.downloader ?? ((sock) => baileysDownloader(sock, libLogger)),
    maxPhotoBytes: config.mediaMaxBytes,
    callCentre: opts.callCentre,
    groups: new Set(config.groups),
    logger,
  });

  /** A photo or voice note from the store; gone (expired, or deleted on request) → not sent. */
  async function sendEvidence(sock: WhatsAppSocket, to: string, ref: MediaRef): Promise<void> {
    const bytes = await media.get(ref.ref);
    if (!bytes) {
      logger.info({ channel: 'whatsapp', kind: ref.kind }, 'evidence no longer stored; not sent');
      return;
    }
    await sock.sendMessage(
      to,
      ref.kind === 'voice'
        ? { audio: bytes, mimetype: ref.mime ?? 'audio/ogg; codecs=opus', ptt: true }
        : { image: bytes, ...(ref.mime ? { mimetype: ref.mime } : {}) },
    );
  }

  // Hoisted: the lease's onLost calls it, and the lease can only be lost once everything below exists.
  function stop(final: 'stopped' | 'lease_lost'): Promise<void> {
    stopping ??= (async () => {
      await connection.stop(final);
      await handler.drain();
      await outbox.stop();
      await lease.release().catch((err: unknown) => {
        logger.warn({ err, channel: 'whatsapp' }, 'WhatsApp lease not released; it expires by itself');
      });
    })();
    return stopping;
  }

  outbox.start();
  connection.start();
  logger.info({ channel: 'whatsapp', account: config.account }, 'WhatsApp channel started');
  return {
    ok: true,
    channel: {
      sender: createWhatsAppSender({ contacts, outbox, owns: (ref) => media.owns(ref) }),
      markContactable: (address) => contacts.markContactable(address),
      media,
      async forget(address) {
        await contacts.forget(address);
        await media.forget(address);
        await outbox.forget(address);
      },
      health: () => connection.health(),
      stop: () => stop('stopped'),
    },
  };
}

function socketConfig(
  state: Awaited<ReturnType<typeof loadRedisAuthState>>['state'],
  logger: BaileysLogger,
  groups: readonly string[],
): UserFacingSocketConfig {
  const allowed = new Set(groups);
  return {
    auth: { creds: state.creds, keys: makeCacheableSignalKeyStore(state.keys, logger) },
    logger,
    browser: Browsers.ubuntu('Chrome'),
    // The phone keeps getting notifications, and the bot does not look "online" all day.
    markOnlineOnConnect: false,
    // No chat history: the bot answers new messages only, and history costs data and memory.
    syncFullHistory: false,
    shouldSyncHistoryMessage: () => false,
    generateHighQualityLinkPreview: false,
    // Status updates, broadcasts, channels and groups the bot does not answer in are not even decrypted.
    shouldIgnoreJid: (jid) =>
      isJidBroadcast(jid) === true ||
      isJidNewsletter(jid) === true ||
      (isJidGroup(jid) === true && !allowed.has(jid)),
    getMessage: () => Promise.resolve(undefined),
  };
}
