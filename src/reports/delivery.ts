import type { ChannelName, OutboundMessage } from '../core/message.js';
import { RecipientUnreachable, type Logger, type MessageSender } from '../core/ports.js';
import { PermanentJobError, SendFailed } from './jobs.js';

/** Tries to record a delivered message (about 30 s in all) before the job fails and is retried. */
const RECORD_ATTEMPTS = 18;

/**
 * How the pipeline hands messages to channels and records that they went out. `sendersReady` resolves
 * once this process's channels have set their senders: the workers start before the channels, so a job
 * taken at start (alerts left waiting while the service was down) waits for it instead of finding no
 * sender and being given up. When it rejects (the process stops first), the job fails and is retried.
 */
export function createDelivery(
  senders: Partial<Record<ChannelName, MessageSender>>,
  logger: Logger,
  sendersReady: Promise<unknown> = Promise.resolve(),
) {
  const senderFor = (address: string): MessageSender => {
    const channel = address.slice(0, address.indexOf(':')) as ChannelName;
    const sender = senders[channel];
    if (!sender) throw new RecipientUnreachable(address, `no sender for channel "${channel}"`);
    return sender;
  };

  /**
   * Hands messages to the address's channel. A refusal becomes `SendFailed` (nothing went out: a retry
   * is not a repeat); an unreachable address stays `RecipientUnreachable`.
   */
  async function deliver(address: string, messages: readonly OutboundMessage[]): Promise<void> {
    try {
      await sendersReady;
      await senderFor(address).send(address, messages);
    } catch (err) {
      if (err instanceof RecipientUnreachable) throw err;
      throw new SendFailed(err);
    }
  }

  /** As `deliver`, but an unreachable address fails the job for good (no retry can reach it). */
  async function deliverOrGiveUp(address: string, messages: readonly OutboundMessage[]): Promise<void> {
    try {
      await deliver(address, messages);
    } catch (err) {
      if (err instanceof RecipientUnreachable) throw new PermanentJobError('recipient unreachable');
      throw err;
    }
  }

  /**
   * Records that a message went out. The message is already with the channel, so a Redis hiccup here
   * must not fail the job (its retry would send it again): the write is retried for a while first.
   */
  async function recorded<T>(write: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (err) {
        if (attempt >= RECORD_ATTEMPTS) throw err;
        logger.warn({ err }, 'could not record a sent message yet; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 2000)));
      }
    }
  }

  return { deliver, deliverOrGiveUp, recorded };
}
