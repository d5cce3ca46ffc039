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
    if (!('text' in content)) return Promise.reject(new Error('the channel sends text only'));
    this.sent.push({ jid, text: content.text });
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
