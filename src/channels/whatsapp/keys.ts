import { createHash } from 'node:crypto';
import type { AuthStateKeys } from '../../storage/whatsapp-auth-state.js';

/**
 * Every Redis key of one WhatsApp account, under `<prefix>wa:<account>:`. The account names one
 * number: its auth state, its lease (one process owns it), its outbound queue and who may be messaged.
 */
export interface WhatsAppKeys {
  /** Credentials and signal keys (src/storage/whatsapp-auth-state.ts). */
  readonly auth: AuthStateKeys;
  /** Owner id of the process that runs this number (src/storage/lease.ts). */
  readonly lease: string;
  readonly outbox: OutboxKeys;
  /** Sorted set: address → time it last wrote to the bot (or registered as an officer). */
  readonly contactable: string;
  /**
   * Marker of a message id already handled (duplicates are dropped). The chat is hashed: key names
   * spell out no phone number (a key listing, "delete my data").
   */
  readonly seen: (chatJid: string, messageId: string) => string;
  /** Bytes of one received photo; the key is the `MediaRef.ref` the engine gets. */
  readonly media: (id: string) => string;
  /** Set of the media keys one address sent (hashed), so "delete my data" finds them. */
  readonly mediaBy: (address: string) => string;
  /** Pattern of every media key, for scans. */
  readonly mediaPattern: string;
}

export interface OutboxKeys {
  /** List of messages waiting for one address, oldest first. */
  readonly queue: (address: string) => string;
  /** List of addresses with waiting messages, in the order they are served (round robin). */
  readonly ready: string;
  /** Set of the addresses in `ready`, so each is listed once. */
  readonly pending: string;
  /** List of messages given up after repeated failures, for an operator to look at. */
  readonly dead: string;
}

export function createWhatsAppKeys(prefix: string, account: string): WhatsAppKeys {
  const base = `${prefix}wa:${account}:`;
  return {
    auth: { creds: `${base}auth:creds`, keysPrefix: `${base}auth:k:` },
    lease: `${base}lease`,
    outbox: {
      queue: (address) => `${base}out:q:${address}`,
      ready: `${base}out:ready`,
      pending: `${base}out:pending`,
      dead: `${base}out:dead`,
    },
    contactable: `${base}contactable`,
    seen: (chatJid, messageId) => `${base}seen:${hashed(chatJid)}:${messageId}`,
    media: (id) => `${base}media:${id}`,
    mediaBy: (address) => `${base}media-by:${hashed(address)}`,
    mediaPattern: `${base}media:*`,
  };
}

/** A chat or address as it appears in key names: hashed, so no phone number is spelled out. */
const hashed = (value: string): string =>
  createHash('sha256').update(`demimas-wa\u0000${value}`).digest('base64url').slice(0, 22);
