import type { BaileysEventMap, WAMessage } from '@whiskeysockets/baileys';
import type { Engine } from '../../core/engine.js';
import { repliesWithNote } from '../../core/media-note.js';
import type { InboundMessage, MediaRef } from '../../core/message.js';
import type { Logger, Translator } from '../../core/ports.js';
import { addressOfUserJid } from './address.js';
import type { ContactBook } from './contacts.js';
import { receiveMedia, type MediaDownloader, type MediaStore } from './media.js';
import type { Outbox } from './outbox.js';
import { renderWhatsApp } from './render.js';
import type { SeenMessages } from './seen-messages.js';
import type { WhatsAppSocket } from './socket.js';
import { classifyMessage, type IncomingMessage } from './to-inbound.js';

export interface MessageHandlerDeps {
  readonly engine: Engine;
  readonly translator: Translator;
  readonly outbox: Outbox;
  readonly contacts: ContactBook;
  readonly seen: SeenMessages;
  readonly media: MediaStore;
  /** The media downloader for a socket (Baileys' own in service; a fake in tests). */
  readonly downloader: (sock: WhatsAppSocket) => MediaDownloader;
  readonly maxPhotoBytes: number;
  /** The KP2MI call centre's number the voice-note text names (from content, `callCentreOf`). */
  readonly callCentre: string;
  /** Group chats the bot answers in. */
  readonly groups: ReadonlySet<string>;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export interface MessageHandler {
  /** Listens to a socket's `messages.upsert`; returns what stops listening. */
  attach(sock: WhatsAppSocket): () => void;
  /** Resolves when every message received so far has been answered. */
  drain(): Promise<void>;
}

/**
 * Received messages → engine → replies queued in the outbox. Messages of one chat are handled one after
 * the other, in the order they arrived (downloading a photo must not let the next message overtake it);
 * chats are handled side by side. A failure is logged and affects that message only.
 */
export function createMessageHandler(deps: MessageHandlerDeps): MessageHandler {
  const chains = new Map<string, Promise<void>>();
  const now = deps.now ?? (() => new Date());
  const log = deps.logger;

  function enqueue(chatJid: string, work: () => Promise<void>): void {
    const previous = chains.get(chatJid) ?? Promise.resolve();
    const next = previous.then(work).catch((err: unknown) => {
      log.error({ err, channel: 'whatsapp' }, 'WhatsApp message not answered');
    });
    chains.set(chatJid, next);
    void next.finally(() => {
      if (chains.get(chatJid) === next) chains.delete(chatJid);
    });
  }

  async function handle(sock: WhatsAppSocket, msg: WAMessage): Promise<void> {
    const classified = classifyMessage(msg, deps.groups);
    if (classified.type === 'ignore') {
      log.debug({ channel: 'whatsapp', reason: classified.reason }, 'WhatsApp message ignored');
      return;
    }
    if (!(await deps.seen.firstTime(classified.chatJid, classified.id))) {
      log.debug({ channel: 'whatsapp', reason: 'duplicate' }, 'WhatsApp message ignored');
      return;
    }
    const address = await knownNumber(sock, classified);
    if (classified.privateChat) await deps.contacts.markContactable(address);
    sock.readMessages([msg.key]).catch(() => undefined);

    const mediaDeps = {
      download: deps.downloader(sock),
      store: deps.media,
      owner: address,
      maxBytes: deps.maxPhotoBytes,
      logger: log,
    };
    const photo = classified.image && (await receiveMedia('photo', msg, classified.image, mediaDeps));
    const voice = classified.voice && (await receiveMedia('voice', msg, classified.voice, mediaDeps));
    // A voice note goes to the engine: report evidence at the evidence step, "please type" elsewhere.
    const media: MediaRef[] = [photo, voice].flatMap((m) => (m?.type === 'saved' ? [m.media] : []));
    const inbound: InboundMessage = {
      channel: 'whatsapp',
      userKey: address,
      text: classified.text,
      ...(media.length > 0 ? { media } : {}),
      receivedAt: now(),
    };
    const result = await deps.engine.handle(inbound);
    const came = {
      voiceNote: classified.voice !== undefined,
      unsupported: classified.unsupported !== undefined,
      ...(photo ? { photo } : {}),
      ...(voice ? { voice } : {}),
    };
    const messages = repliesWithNote(result, came, deps.translator, {
      maxBytes: deps.maxPhotoBytes,
      callCentre: deps.callCentre,
    });
    const texts = renderWhatsApp(messages);
    await deps.outbox.enqueue(
      address,
      texts.map((text) => ({ to: classified.chatJid, text })),
    );
  }

  return {
    attach(sock) {
      const onUpsert = ({ messages, type }: BaileysEventMap['messages.upsert']) => {
        // 'append' is history and messages from this number's other devices, not new messages to answer.
        if (type !== 'notify') return;
        for (const msg of messages) {
          const chat = msg.key.remoteJid ?? '';
          enqueue(chat, () => handle(sock, msg));
        }
      };
      sock.ev.on('messages.upsert', onUpsert);
      return () => sock.ev.off('messages.upsert', onUpsert);
    },
    async drain() {
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
  };
}

/** A LID-only sender is named by phone number when Baileys already knows the mapping. */
async function knownNumber(sock: WhatsAppSocket, msg: IncomingMessage): Promise<string> {
  if (!msg.lid || !sock.signalRepository) return msg.address;
  const pn = await sock.signalRepository.lidMapping.getPNForLID(msg.lid).catch(() => null);
  const address = addressOfUserJid(pn);
  return address && !address.startsWith('whatsapp:lid:') ? address : msg.address;
}
