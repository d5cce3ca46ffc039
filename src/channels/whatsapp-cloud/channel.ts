import type { Engine } from '../../core/engine.js';
import type { Locale } from '../../core/locale.js';
import type { InboundMessage, MediaRef, OutboundMessage } from '../../core/message.js';
import type { Logger, Translator } from '../../core/ports.js';
import type { GraphApi } from './graph-api.js';
import { receivePhoto, receiveVoice, type MediaOutcome, type MediaStore } from './media.js';
import { renderCloudAll } from './render.js';
import { createCloudSender, type CloudSender } from './sender.js';
import type { CloudState } from './state.js';
import type { TemplateRegistry } from './templates.js';
import { readNotification, type CloudMessage, type DeliveryStatus } from './to-inbound.js';

export interface CloudChannelDeps {
  readonly api: GraphApi;
  readonly state: CloudState;
  readonly engine: Engine;
  readonly translator: Translator;
  readonly media: MediaStore;
  readonly templates: TemplateRegistry;
  readonly phoneNumberId: string;
  readonly maxPhotoBytes: number;
  readonly logger: Logger;
  /** Counts delivery statuses (`/metrics`). */
  readonly onStatus?: (status: DeliveryStatus) => void;
  readonly now?: () => Date;
}

export interface CloudChannel {
  /** Takes one signed webhook body (the webhook calls it after answering 200). */
  onPayload(payload: unknown): void;
  readonly sender: CloudSender;
  /** Officer registration: may get templates although they have not written lately. */
  markContactable(address: string): Promise<void>;
  /** "Delete my data": the window, the contact marks and the photos of the address. */
  forget(address: string): Promise<void>;
  /** Resolves when every notification received so far is handled. */
  drain(): Promise<void>;
  /** False once `stop` was called. */
  accepting(): boolean;
  /** Takes no more notifications and waits for those taken. */
  stop(): Promise<void>;
}

type Note = 'unsupported' | 'voice' | 'photoType' | 'photoTooLarge' | 'photoFailed';

/**
 * Webhook notifications → engine → replies through the Graph API. A message id seen before is dropped
 * (Meta re-delivers until it gets a 200, and may deliver twice); messages of one user are answered in
 * order, users side by side; statuses are counted and the last one per message is kept.
 */
export function createCloudChannel(deps: CloudChannelDeps): CloudChannel {
  const now = deps.now ?? (() => new Date());
  const log = deps.logger;
  const chains = new Map<string, Promise<void>>();
  let accepting = true;
  const labelsFor = (locale: Locale) => ({ choose: deps.translator.t(locale, 'whatsapp.choose') });
  const sender = createCloudSender({
    api: deps.api,
    state: deps.state,
    templates: deps.templates,
    labels: labelsFor('id'),
    media: deps.media,
    now,
    logger: log,
  });

  function enqueue(key: string, work: () => Promise<void>): void {
    const next = (chains.get(key) ?? Promise.resolve()).then(work).catch((err: unknown) => {
      log.error({ err, channel: 'whatsapp-cloud' }, 'WhatsApp Cloud notification not handled');
    });
    chains.set(key, next);
    void next.finally(() => {
      if (chains.get(key) === next) chains.delete(key);
    });
  }

  async function handle(msg: CloudMessage): Promise<void> {
    if (!(await deps.state.firstTime(msg.id))) {
      log.debug({ channel: 'whatsapp-cloud', reason: 'duplicate' }, 'WhatsApp Cloud message ignored');
      return;
    }
    const address = `whatsapp:${msg.from}`;
    const received = now();
    await deps.state.wrote(address, msg.sentAt.getTime() > 0 ? msg.sentAt : received);

    const mediaDeps = {
      api: deps.api,
      store: deps.media,
      owner: address,
      maxBytes: deps.maxPhotoBytes,
      logger: log,
    };
    let photo: MediaOutcome | undefined;
    let voice: MediaOutcome | undefined;
    if (msg.image) photo = await receivePhoto(msg.image.mediaId, msg.image.mime, mediaDeps);
    // A voice note goes to the engine: report evidence at the evidence step, "please type" elsewhere.
    if (msg.audio) voice = await receiveVoice(msg.audio.mediaId, msg.audio.mime, mediaDeps);
    const media: MediaRef[] = [photo, voice].flatMap((m) => (m?.type === 'saved' ? [m.media] : []));
    const inbound: InboundMessage = {
      channel: 'whatsapp',
      userKey: address,
      text: msg.text,
      ...(msg.choiceId ? { choiceId: msg.choiceId } : {}),
      ...(media.length > 0 ? { media } : {}),
      receivedAt: received,
    };
    const result = await deps.engine.handle(inbound);
    const note = noteOf(msg, photo, voice);
    const messages = note ? withNote(result.messages, result.locale, note, deps) : result.messages;
    await sender.sendPayloads(address, renderCloudAll(messages, labelsFor(result.locale)));
  }

  return {
    onPayload(payload) {
      if (!accepting) return;
      for (const event of readNotification(payload, deps.phoneNumberId)) {
        if (event.type === 'status') {
          deps.onStatus?.(event.status);
          enqueue(`status:${event.messageId}`, () => deps.state.recordStatus(event));
        } else enqueue(event.from, () => handle(event));
      }
    },
    sender,
    accepting: () => accepting,
    markContactable: (address) => deps.state.markContactable(address, now()),
    async forget(address) {
      await deps.state.forget(address);
      await deps.media.forget(address);
    },
    async drain() {
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
    async stop() {
      accepting = false;
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
  };
}

function noteOf(
  msg: CloudMessage,
  photo: MediaOutcome | undefined,
  voice: MediaOutcome | undefined,
): Note | undefined {
  if (msg.audio && voice?.type !== 'saved') return 'voice';
  if (msg.unsupported || msg.location) return 'unsupported';
  if (photo?.type !== 'rejected') return undefined;
  if (photo.reason === 'type') return 'photoType';
  return photo.reason === 'too-large' ? 'photoTooLarge' : 'photoFailed';
}

/** Says why the bot could not take what was sent (as the Baileys channel does). */
function withNote(
  messages: readonly OutboundMessage[],
  locale: Locale,
  key: Note,
  deps: CloudChannelDeps,
): OutboundMessage[] {
  const note = deps.translator.t(locale, `whatsapp.${key}`, {
    mb: Math.floor(deps.maxPhotoBytes / 1024 / 1024),
  });
  const empty = deps.translator.t(locale, 'engine.empty');
  const [first, ...rest] = messages;
  if (first?.body.startsWith(empty))
    return [{ ...first, body: note + first.body.slice(empty.length) }, ...rest];
  return [{ body: note, choices: [] }, ...messages];
}
