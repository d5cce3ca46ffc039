import type { Redis } from 'ioredis';
import type { Logger, MessageSender } from '../../core/ports.js';
import { createContactBook } from './contacts.js';
import { createRedisMediaStore } from './media.js';
import { createOutbox } from './outbox.js';
import type { WhatsAppRedisParts } from './redis-parts.js';
import { createWhatsAppSender } from './sender.js';

/**
 * A sender for a process that does not run the number (ROLE=worker): it writes into the number's
 * outbox in Redis, with the same rules as the channel's own sender (only addresses that may be
 * messaged; the number's own evidence sent first), and sends nothing itself. The process that holds
 * the number's lease finds the messages on its next look at the outbox (it polls every second when
 * idle) and sends them at the number's pace; while no process runs the number they wait in Redis.
 */
export function createOutboxSender(opts: {
  readonly redis: Redis;
  readonly parts: Pick<WhatsAppRedisParts, 'keys' | 'defineScripts'>;
  readonly logger: Logger;
}): MessageSender {
  const { redis, parts } = opts;
  const outbox = createOutbox({
    redis,
    keys: parts.keys.outbox,
    defineScripts: parts.defineScripts,
    // Never started here: the number's own process delivers.
    deliver: () => Promise.reject(new Error('this process does not run the WhatsApp number')),
    canDeliver: () => false,
    intervalMs: 1000,
    jitterMs: 0,
    logger: opts.logger,
  });
  const media = createRedisMediaStore(redis, parts.keys.media, undefined, parts.keys.mediaBy);
  return createWhatsAppSender({
    contacts: createContactBook(redis, parts.keys.contactable),
    outbox,
    owns: (ref) => media.owns(ref),
  });
}
