/**
 * Keys of one WhatsApp Cloud API number: one hash tag per number. They are named with every other key
 * in src/storage/keys.ts (`whatsAppCloudKeys`); the composition root hands them over (DESIGN §2: a
 * channel never imports storage/).
 */
export interface WhatsAppCloudKeys {
  /** Marker of a received message id (`wamid`) already handled; expires. */
  readonly seen: (messageId: string) => string;
  /** Time (ms) the address last wrote: the 24-hour customer-service window; expires with it. */
  readonly lastInbound: (address: string) => string;
  /** The last delivery status of one sent message (JSON); expires. */
  readonly status: (messageId: string) => string;
  /** Set of hashed addresses that must not be messaged (undeliverable), until they write again. */
  readonly unreachable: string;
  /** Sorted set: hashed address → time it registered or wrote (may get templates). */
  readonly contactable: string;
  /** Received media (untagged: stored in drafts and reports). */
  readonly media: (id: string) => string;
  readonly mediaBy: (address: string) => string;
  /** Stream of received webhook events, stored before the webhook answers 200; deleted once handled. */
  readonly inbox: string;
  /** Hash: how far the handling of one inbox entry got (replies rendered, how many sent, tries). */
  readonly inboxProgress: (entryId: string) => string;
  /**
   * List of messages (JSON) kept for an address (hashed) that got them as a template outside the
   * 24-hour window: sent in full when it writes again; expires.
   */
  readonly held: (address: string) => string;
  /** An address as the sets above hold it (hashed). */
  readonly addressId: (address: string) => string;
}
