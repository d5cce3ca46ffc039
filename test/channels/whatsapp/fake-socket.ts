import {
  makeEventBuffer,
  type AnyMessageContent,
  type BaileysEventMap,
  type UserFacingSocketConfig,
  type WAMessage,
} from '@whiskeysockets/baileys';
import { pino } from 'pino';
import type { WhatsAppSocket } from '../../../src/channels/whatsapp/socket.js';

/** Close codes as Baileys reports them: a Boom error, whose status code is on `output`. */
export const closedWith = (statusCode: number): Error =>
  Object.assign(new Error('Connection Closed'), { isBoom: true, output: { statusCode } });

/**
 * A stand-in for a Baileys socket: the channel listens on a real Baileys event buffer (`makeEventBuffer`)
 * and the test emits Baileys' own events into it, as the library would.
 */
export class FakeSocket implements WhatsAppSocket {
  readonly ev = makeEventBuffer(pino({ level: 'silent' }));
  readonly sent: { jid: string; text: string }[] = [];
  /** Photos and voice notes sent, each with the number of texts sent to that chat before it. */
  readonly media: {
    jid: string;
    kind: 'image' | 'audio';
    bytes: Buffer;
    mimetype?: string;
    ptt?: boolean;
    afterTexts: number;
  }[] = [];
  readonly read: string[] = [];
  readonly pairingRequests: string[] = [];
  ended = false;
  /** Makes the next sends fail (as when the websocket dropped). */
  failSends = false;
  readonly lids = new Map<string, string>();
  readonly signalRepository = {
    lidMapping: { getPNForLID: (lid: string) => Promise.resolve(this.lids.get(lid) ?? null) },
  };

  constructor(readonly config?: UserFacingSocketConfig) {}

  sendMessage = (jid: string, content: AnyMessageContent): Promise<WAMessage | undefined> => {
    if (this.failSends) return Promise.reject(new Error('Connection Closed'));
    const afterTexts = this.sent.filter((m) => m.jid === jid).length;
    if ('image' in content && Buffer.isBuffer(content.image)) {
      const { mimetype } = content;
      this.media.push({
        jid,
        kind: 'image',
        bytes: content.image,
        afterTexts,
        ...(mimetype ? { mimetype } : {}),
      });
    } else if ('audio' in content && Buffer.isBuffer(content.audio)) {
      const { mimetype, ptt } = content;
      this.media.push({
        jid,
        kind: 'audio',
        bytes: content.audio,
        afterTexts,
        ...(mimetype ? { mimetype } : {}),
        ...(ptt !== undefined ? { ptt } : {}),
      });
    } else if ('text' in content) this.sent.push({ jid, text: content.text });
    else return Promise.reject(new Error('the channel sends text, photos and voice notes only'));
    return Promise.resolve(undefined);
  };
  end = (): Promise<void> => {
    this.ended = true;
    return Promise.resolve();
  };
  requestPairingCode = (phone: string): Promise<string> => {
    this.pairingRequests.push(phone);
    return Promise.resolve('ABCD1234');
  };
  updateMediaMessage = (msg: WAMessage): Promise<WAMessage> => Promise.resolve(msg);
  readMessages = (keys: WAMessage['key'][]): Promise<void> => {
    this.read.push(...keys.map((k) => k.id ?? ''));
    return Promise.resolve();
  };

  emit<E extends keyof BaileysEventMap>(event: E, data: BaileysEventMap[E]): void {
    this.ev.emit(event, data);
  }
  open(): void {
    this.emit('connection.update', { connection: 'open' });
  }
  close(statusCode: number): void {
    this.emit('connection.update', {
      connection: 'close',
      lastDisconnect: { error: closedWith(statusCode), date: new Date() },
    });
  }
  receive(messages: WAMessage[], type: 'notify' | 'append' = 'notify'): void {
    this.emit('messages.upsert', { messages, type });
  }
}

let seq = 0;
export const nextId = (): string => `3EB0${(++seq).toString(16).toUpperCase().padStart(8, '0')}`;

export const USER = '6281234567890';
export const USER_JID = `${USER}@s.whatsapp.net`;

/** A text message as Baileys gives it in `messages.upsert`. */
export function textFrom(jid: string, text: string, extra: Partial<WAMessage['key']> = {}): WAMessage {
  return {
    key: { remoteJid: jid, fromMe: false, id: nextId(), ...extra },
    message: { conversation: text },
    messageTimestamp: Math.floor(Date.now() / 1000),
    pushName: 'Siti',
  };
}
