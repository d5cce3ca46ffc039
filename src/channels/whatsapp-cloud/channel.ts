import type { Engine } from '../../core/engine.js';
import type { Locale } from '../../core/locale.js';
import { repliesWithNote } from '../../core/media-note.js';
import type { InboundMessage, MediaRef } from '../../core/message.js';
import { RecipientUnreachable, type Logger, type Translator } from '../../core/ports.js';
import type { GraphApi } from './graph-api.js';
import type { Inbox, InboxEntry, Progress } from './inbox.js';
import { receiveMedia, type MediaStore } from './media.js';
import { renderCloudAll, type CloudPayload } from './render.js';
import { createCloudSender, type CloudSender } from './sender.js';
import type { CloudState } from './state.js';
import type { TemplateRegistry } from './templates.js';
import {
  rawEvents,
  readNotification,
  type CloudEvent,
  type CloudMessage,
  type DeliveryStatus,
} from './to-inbound.js';

export interface CloudChannelDeps {
  readonly api: GraphApi;
  readonly state: CloudState;
  /** Where received events wait until handled (durable: Redis). */
  readonly inbox: Inbox;
  /** Entries held this long without a sign of life are taken over (see `createInbox`). */
  readonly claimMs: number;
  readonly engine: Engine;
  readonly translator: Translator;
  readonly media: MediaStore;
  readonly templates: TemplateRegistry;
  readonly phoneNumberId: string;
  readonly maxPhotoBytes: number;
  /** The KP2MI call centre's number the voice-note text names (from content, `callCentreOf`). */
  readonly callCentre: string;
  readonly logger: Logger;
  /** Counts delivery statuses (`/metrics`). */
  readonly onStatus?: (status: DeliveryStatus) => void;
  readonly now?: () => Date;
}

export interface CloudChannel {
  /**
   * Stores the events of one signed webhook body in the inbox; the webhook answers 200 once this
   * resolves (503 when it rejects), and the events are handled from the inbox after.
   */
  accept(payload: unknown): Promise<void>;
  /** Handles what the inbox holds from before (a crash, a restart) and keeps the claims alive. */
  start(): void;
  readonly sender: CloudSender;
  /** Officer registration: may get templates although they have not written lately. */
  markContactable(address: string): Promise<void>;
  /** "Delete my data": the window, the contact marks and the photos of the address. */
  forget(address: string): Promise<void>;
  /** Resolves when every event taken so far is handled (or left for a retry). */
  drain(): Promise<void>;
  /** False once `stop` was called. */
  accepting(): boolean;
  /** Takes no more events and waits for those taken; what is left stays in the inbox. */
  stop(): Promise<void>;
}

/** The words the rendering of buttons and lists needs, in `locale`. */
const cloudLabels = (translator: Translator, locale: Locale) => ({
  choose: translator.t(locale, 'whatsapp.choose'),
});

/**
 * The number's sender (alerts, notices, broadcasts) over the parts a channel has: the one place it is
 * built, for the channel and for a ROLE=worker process that sends without running the channel
 * (`startCloudSender`). Its state is in Redis, so any process may send on the number.
 */
export function cloudSenderOf(
  deps: Pick<CloudChannelDeps, 'api' | 'state' | 'templates' | 'media' | 'translator' | 'logger' | 'now'>,
): CloudSender {
  return createCloudSender({
    api: deps.api,
    state: deps.state,
    templates: deps.templates,
    labels: cloudLabels(deps.translator, 'id'),
    media: deps.media,
    now: deps.now ?? (() => new Date()),
    logger: deps.logger,
  });
}

/** An entry whose handling failed this often is given up (logged, deleted). */
export const MAX_TRIES = 5;

/**
 * Webhook notifications → inbox → engine → replies through the Graph API. Every event is in Redis
 * before the webhook answers 200 (a message id seen before is dropped there: Meta re-delivers until
 * it gets a 200, and may deliver twice) and is deleted only once handled, at least once: a crash
 * leaves it for the next start. Handling is idempotent step by step: the turn's replies are kept
 * once the engine has answered, so a second handling sends the replies not yet sent and does not
 * ask the engine again. Messages of one user are answered in order, users side by side; statuses are
 * counted and the last one per message is kept.
 */
export function createCloudChannel(deps: CloudChannelDeps): CloudChannel {
  const now = deps.now ?? (() => new Date());
  const { inbox, logger: log } = deps;
  const chains = new Map<string, Promise<void>>();
  /** Entries this process holds (queued or being handled): their claims are renewed. */
  const held = new Set<string>();
  let accepting = true;
  let pulling: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const labelsFor = (locale: Locale) => cloudLabels(deps.translator, locale);
  const sender = cloudSenderOf(deps);

  function enqueue(key: string, work: () => Promise<void>): void {
    const next = (chains.get(key) ?? Promise.resolve()).then(work);
    chains.set(key, next);
    void next.finally(() => {
      if (chains.get(key) === next) chains.delete(key);
    });
  }

  const stillAccepting = () => accepting;

  /** Takes what the inbox has for this process, until it has nothing more. */
  function pull(): void {
    again = true;
    if (pulling || !accepting) return;
    pulling = (async () => {
      // Stopping: what is taken is handled; nothing more is taken.
      while (again && stillAccepting()) {
        again = false;
        let taken: InboxEntry[];
        try {
          taken = await inbox.take();
        } catch (err) {
          // Redis is away: the timer tries again.
          log.warn({ err, channel: 'whatsapp-cloud' }, 'inbox not read; trying again shortly');
          return;
        }
        for (const entry of taken) dispatch(entry);
        if (taken.length > 0) again = true;
      }
    })().finally(() => {
      pulling = undefined;
      // Asked again after the loop's last look: look once more (nothing is left for the timer alone).
      if (again) pull();
    });
  }

  function dispatch(entry: InboxEntry): void {
    if (held.has(entry.id)) return;
    held.add(entry.id);
    const event = readNotification(entry.body, deps.phoneNumberId)[0];
    const key = event?.type === 'message' ? event.from : `entry:${entry.id}`;
    enqueue(key, () => handleEntry(entry.id, event));
  }

  async function handleEntry(id: string, event: CloudEvent | undefined): Promise<void> {
    try {
      const progress = await inbox.begin(id);
      if (progress.tries > MAX_TRIES) {
        log.error({ channel: 'whatsapp-cloud', tries: progress.tries }, 'WhatsApp Cloud event given up');
      } else if (event?.type === 'status') {
        deps.onStatus?.(event.status);
        await deps.state.recordStatus(event);
      } else if (event) await handleMessage(id, event, progress);
      await inbox.done(id);
    } catch (err) {
      // Someone who cannot be answered (blocked, not on WhatsApp) is not answered on a retry either.
      if (err instanceof RecipientUnreachable) {
        log.info({ channel: 'whatsapp-cloud', reason: err.message }, 'WhatsApp Cloud reply not deliverable');
        await inbox.done(id).catch(() => undefined);
      } else {
        log.error({ err, channel: 'whatsapp-cloud' }, 'WhatsApp Cloud event not handled; tried again later');
      }
    } finally {
      held.delete(id);
    }
  }

  async function handleMessage(id: string, msg: CloudMessage, progress: Progress): Promise<void> {
    const address = `whatsapp:${msg.from}`;
    let replies = progress.replies;
    if (!replies) {
      // What waited for this user (an alert sent as a template) goes first, now that they wrote.
      const held = await deps.state.held(address);
      replies = [...held.payloads, ...(await turn(address, msg))];
      await inbox.answered(id, replies, { key: held.key, count: held.payloads.length });
    }
    await sender.sendPayloads(address, replies.slice(progress.sent), (count) =>
      inbox.sent(id, progress.sent + count),
    );
  }

  /** The engine's answer to one message, rendered. */
  async function turn(address: string, msg: CloudMessage): Promise<CloudPayload[]> {
    const received = now();
    await deps.state.wrote(address, msg.sentAt.getTime() > 0 ? msg.sentAt : received);
    const mediaDeps = {
      api: deps.api,
      store: deps.media,
      owner: address,
      maxBytes: deps.maxPhotoBytes,
      logger: log,
    };
    const photo = msg.image && (await receiveMedia('photo', msg.image.mediaId, msg.image.mime, mediaDeps));
    // A voice note goes to the engine: report evidence at the evidence step, "please type" elsewhere.
    const voice = msg.audio && (await receiveMedia('voice', msg.audio.mediaId, msg.audio.mime, mediaDeps));
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
    const came = {
      voiceNote: msg.audio !== undefined,
      unsupported: msg.unsupported !== undefined || msg.location !== undefined,
      ...(photo ? { photo } : {}),
      ...(voice ? { voice } : {}),
    };
    const messages = repliesWithNote(result, came, deps.translator, {
      maxBytes: deps.maxPhotoBytes,
      callCentre: deps.callCentre,
    });
    return renderCloudAll(messages, labelsFor(result.locale));
  }

  async function settle(): Promise<void> {
    while (pulling || chains.size > 0) await Promise.all([pulling, ...chains.values()]);
  }

  return {
    async accept(payload) {
      await inbox.add(rawEvents(payload, deps.phoneNumberId));
      pull();
    },
    start() {
      if (timer) return;
      // The claims of held entries are renewed well within the claim time; entries left by a crashed
      // process (or a failed handling) are taken over once their claim ran out.
      timer = setInterval(
        () => {
          inbox.renew([...held]).catch((err: unknown) => {
            log.warn({ err, channel: 'whatsapp-cloud' }, 'inbox claims not renewed');
          });
          pull();
        },
        Math.max(50, Math.floor(deps.claimMs / 3)),
      );
      timer.unref();
      pull();
    },
    sender,
    accepting: () => accepting,
    markContactable: (address) => deps.state.markContactable(address, now()),
    async forget(address) {
      await deps.state.forget(address);
      await deps.media.forget(address);
    },
    drain: settle,
    async stop() {
      accepting = false;
      await settle();
      clearInterval(timer);
      timer = undefined;
      await inbox.close().catch(() => undefined);
    },
  };
}
