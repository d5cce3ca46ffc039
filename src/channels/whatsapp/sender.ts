import { RecipientUnreachable, type MessageSender } from '../../core/ports.js';
import { jidOfAddress } from './address.js';
import type { ContactBook } from './contacts.js';
import type { Outbox } from './outbox.js';
import { renderWhatsApp } from './render.js';

/**
 * The WhatsApp `MessageSender` (alerts to officers, notices to reporters). It refuses, with
 * `RecipientUnreachable`, any address that never wrote to the bot and did not register as an officer,
 * and queues the rest in the paced outbox: `send` resolves once the messages are stored in Redis, not
 * when WhatsApp delivered them (the outbox sends them in order, retrying, across restarts). An alert's
 * evidence that this number received (photos, voice notes) goes first, as on Telegram; evidence
 * another channel received is only counted in the text.
 */
export function createWhatsAppSender(deps: {
  contacts: ContactBook;
  outbox: Outbox;
  /** Whether a media reference is one of this number's received media. */
  owns: (ref: string) => boolean;
}): MessageSender {
  return {
    async send(address, messages) {
      const jid = jidOfAddress(address);
      if (!jid) throw new RecipientUnreachable(address, 'not a WhatsApp address of a person');
      if (!(await deps.contacts.isContactable(address)))
        throw new RecipientUnreachable(address, 'has never written to the bot');
      const evidence = messages.flatMap((m) => m.media ?? []).filter((m) => deps.owns(m.ref));
      await deps.outbox.enqueue(address, [
        ...evidence.map((media) => ({ to: jid, media })),
        ...renderWhatsApp(messages).map((text) => ({ to: jid, text })),
      ]);
    },
  };
}
