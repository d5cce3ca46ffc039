import type { Redis } from 'ioredis';

/** How long a handled message id is remembered; WhatsApp re-delivers within hours, not days. */
export const SEEN_TTL_SECONDS = 3 * 86_400;

/**
 * Drops a second delivery of the same message (after a reconnect WhatsApp may deliver pending
 * messages again). Kept in Redis so a restart does not answer twice.
 */
export interface SeenMessages {
  /** True the first time a message id is offered, false for every repeat. */
  firstTime(chatJid: string, messageId: string): Promise<boolean>;
}

export function createSeenMessages(
  redis: Redis,
  keyOf: (chatJid: string, id: string) => string,
): SeenMessages {
  return {
    async firstTime(chatJid, messageId) {
      return (await redis.set(keyOf(chatJid, messageId), '1', 'EX', SEEN_TTL_SECONDS, 'NX')) === 'OK';
    },
  };
}
