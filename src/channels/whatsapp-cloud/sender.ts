import type { OutboundMessage } from '../../core/message.js';
import { RecipientUnreachable, type Logger, type MessageSender } from '../../core/ports.js';
import { GraphError, type GraphApi, type MediaPayload, type TemplatePayload } from './graph-api.js';
import type { MediaStore } from './media.js';
import { renderCloudAll, type RenderLabels } from './render.js';
import type { CloudState, HeldPayload } from './state.js';
import { templateKeyOf, templateParams, type TemplateRegistry } from './templates.js';

/**
 * Not sent: the user last wrote more than 24 hours ago and no approved template stands for the
 * message. The caller stops retrying (it is a `RecipientUnreachable`, not `lasting`: once the user
 * writes again they can be reached); the reason says why.
 */
export class OutsideWindow extends RecipientUnreachable {
  constructor(
    address: string,
    readonly templateKey: string,
  ) {
    super(address, `outside the 24-hour window and no template for "${templateKey}"`, false);
    this.name = 'OutsideWindow';
  }
}

export interface CloudSenderDeps {
  readonly api: GraphApi;
  readonly state: CloudState;
  readonly templates: TemplateRegistry;
  readonly labels: RenderLabels;
  /** Evidence this number received; photos and voice notes found here go with an alert. */
  readonly media?: MediaStore;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** How one send went out: free-form inside the window, or as a template outside it. */
export type SendOutcome =
  | { readonly type: 'free-form'; readonly ids: string[] }
  | { readonly type: 'template'; readonly name: string; readonly id: string };

/** `whatsapp:62812…` → `62812…`, or undefined for anything that is not a person's number. */
export function numberOf(address: string): string | undefined {
  const m = /^whatsapp:(\d{6,20})$/.exec(address);
  return m?.[1];
}

export interface CloudSender extends MessageSender {
  /** As `send`, and says how it went out. */
  deliver(address: string, messages: readonly OutboundMessage[]): Promise<SendOutcome>;
  /**
   * Sends payloads already rendered (the replies of a turn: the user just wrote, the window is open),
   * in order; `onSent` hears how many went out after each one.
   */
  sendPayloads(
    address: string,
    payloads: readonly HeldPayload[],
    onSent?: (count: number) => Promise<void>,
  ): Promise<string[]>;
}

/**
 * The Cloud API `MessageSender` (alerts to officers, notices to reporters). Inside the 24-hour window
 * the messages go as they are (buttons, lists, text). Outside it only an approved template may go:
 * the registry's template for the message's key, with its parameters from the message; without one
 * nothing is attempted and `OutsideWindow` is thrown. When the template does not carry the message's
 * text, the message is held and goes out in full (evidence first) when the user next writes. A 131047
 * answer (the window closed meanwhile) falls back to the template too; 131026 marks the address
 * unreachable until it writes again.
 */
export function createCloudSender(deps: CloudSenderDeps): CloudSender {
  const { api, state } = deps;

  async function guarded<T>(address: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof GraphError && err.kind === 'undeliverable') {
        await state.markUnreachable(address);
        deps.logger.info(
          { channel: 'whatsapp-cloud', code: err.code },
          'recipient undeliverable; marked unreachable',
        );
        throw new RecipientUnreachable(address, `WhatsApp cannot deliver to this number (${err.code ?? ''})`);
      }
      throw err;
    }
  }

  async function sendPayloads(
    address: string,
    payloads: readonly HeldPayload[],
    onSent?: (count: number) => Promise<void>,
  ): Promise<string[]> {
    const to = numberOf(address);
    if (!to) throw new RecipientUnreachable(address, 'not a WhatsApp address of a person');
    const ids: string[] = [];
    await guarded(address, async () => {
      for (const p of payloads) {
        ids.push(await api.send(to, p));
        await onSent?.(ids.length);
      }
    });
    return ids;
  }

  /**
   * The evidence of the messages (an alert's photos and voice notes) that this number's media store
   * holds, uploaded for sending by media id. Media another channel received is not here and is only
   * counted in the text.
   */
  async function uploadEvidence(messages: readonly OutboundMessage[]): Promise<MediaPayload[]> {
    const store = deps.media;
    if (!store) return [];
    const payloads: MediaPayload[] = [];
    for (const m of messages.flatMap((x) => x.media ?? [])) {
      const bytes = await store.get(m.ref);
      if (!bytes) continue;
      const id = await api.upload(bytes, m.mime ?? (m.kind === 'voice' ? 'audio/ogg' : 'image/jpeg'));
      payloads.push(m.kind === 'voice' ? { type: 'audio', audio: { id } } : { type: 'image', image: { id } });
    }
    return payloads;
  }

  /** The messages in full, the evidence first: sent now, or held until the user writes. */
  const inFull = async (messages: readonly OutboundMessage[]): Promise<HeldPayload[]> => [
    ...(await uploadEvidence(messages)),
    ...renderCloudAll(messages, deps.labels),
  ];

  async function sendTemplate(address: string, messages: readonly OutboundMessage[]): Promise<SendOutcome> {
    const to = numberOf(address);
    const key = templateKeyOf(messages);
    const entry = deps.templates.get(key);
    if (!to || !entry) {
      deps.logger.warn(
        { channel: 'whatsapp-cloud', templateKey: key },
        'not sent: outside the 24-hour window, no template',
      );
      throw new OutsideWindow(address, key);
    }
    const { params, whole } = templateParams(entry, messages);
    const payload: TemplatePayload = {
      type: 'template',
      template: {
        name: entry.name,
        language: { code: entry.language },
        ...(params.length > 0
          ? {
              components: [
                { type: 'body', parameters: params.map((text) => ({ type: 'text' as const, text })) },
              ],
            }
          : {}),
      },
    };
    const id = await guarded(address, () => api.send(to, payload));
    // A template that does not carry the whole text says "reply to read it": the messages wait. So
    // do they when the body had to be cut to fit the template's limit (TEMPLATE_BODY_MAX).
    if (!entry.params.includes('body') || !whole) {
      await state.hold(address, await inFull(messages)).catch((err: unknown) => {
        deps.logger.warn({ err, channel: 'whatsapp-cloud' }, 'template sent; the full message not held');
      });
    }
    return { type: 'template', name: entry.name, id };
  }

  async function deliver(address: string, messages: readonly OutboundMessage[]): Promise<SendOutcome> {
    if (!numberOf(address)) throw new RecipientUnreachable(address, 'not a WhatsApp address of a person');
    if (await state.isUnreachable(address))
      throw new RecipientUnreachable(
        address,
        'WhatsApp could not deliver to it; waits until it writes again',
      );
    const now = deps.now();
    if (await state.windowOpen(address, now)) {
      try {
        return { type: 'free-form', ids: await sendPayloads(address, await inFull(messages)) };
      } catch (err) {
        if (!(err instanceof GraphError && err.kind === 're-engagement')) throw err;
      }
    } else if (!(await state.isContactable(address, now))) {
      throw new RecipientUnreachable(address, 'has never written to the bot');
    }
    return sendTemplate(address, messages);
  }

  return {
    deliver,
    sendPayloads,
    async send(address, messages) {
      await deliver(address, messages);
    },
  };
}
