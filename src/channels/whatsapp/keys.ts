/**
 * The Redis key names the WhatsApp channel works with. They are named with every other key in
 * src/storage/keys.ts (`whatsAppKeys`); the composition root hands them over (DESIGN §2: a channel
 * never imports storage/).
 */

/** Where one WhatsApp account's auth state lives: the credentials key and the prefix of the key hashes. */
export interface AuthStateKeys {
  /** String key: the credentials as JSON. */
  readonly creds: string;
  /** One hash per signal key type: `<keysPrefix><type>`, field = key id, value = JSON. */
  readonly keysPrefix: string;
}

export interface OutboxKeys {
  /** List of messages waiting for one address (hashed in the name), oldest first. */
  readonly queue: (address: string) => string;
  /** List of addresses with waiting messages, in the order they are served (round robin). */
  readonly ready: string;
  /** Set of the addresses in `ready`, so each is listed once. */
  readonly pending: string;
  /** List of messages given up after repeated failures, for an operator to look at. */
  readonly dead: string;
}

/**
 * Every Redis key of one WhatsApp account (one number): its auth state, its lease (one process owns
 * it), its outbound queue, who may be messaged, handled message ids and received photos.
 */
export interface WhatsAppKeys {
  /** Credentials and signal keys (auth-state.ts). */
  readonly auth: AuthStateKeys;
  /** Owner id of the process that runs this number (the lease). */
  readonly lease: string;
  readonly outbox: OutboxKeys;
  /** Sorted set: address → time it last wrote to the bot (or registered as an officer). */
  readonly contactable: string;
  /** Marker of a message id already handled (duplicates are dropped); the chat is hashed. */
  readonly seen: (chatJid: string, messageId: string) => string;
  /** Bytes of one received photo; the key is the `MediaRef.ref` the engine gets. */
  readonly media: (id: string) => string;
  /** Set of the media keys one address sent (hashed), so "delete my data" finds them. */
  readonly mediaBy: (address: string) => string;
  /** Pattern of every media key, for scans. */
  readonly mediaPattern: string;
}
