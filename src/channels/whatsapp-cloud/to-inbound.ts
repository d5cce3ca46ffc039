/** What a webhook notification holds, read from untrusted JSON (fields are checked, not assumed). */
export type CloudEvent = CloudMessage | CloudStatus;

export interface CloudMessage {
  readonly type: 'message';
  /** `wamid.…`: the same id on every delivery of the message. */
  readonly id: string;
  /** The sender's number as WhatsApp gives it (`wa_id`, digits with country code). */
  readonly from: string;
  readonly sentAt: Date;
  readonly text: string;
  /** The id of a pressed reply button or list row (a choice id the bot sent; may be forged). */
  readonly choiceId?: string;
  readonly image?: CloudMediaRef;
  /** `voice` is true for a recorded voice note, false for a forwarded audio file. */
  readonly audio?: CloudMediaRef & { readonly voice: boolean };
  readonly location?: { readonly latitude: number; readonly longitude: number };
  /** Video, document, sticker, contacts and the rest: the user is told the bot cannot read it. */
  readonly unsupported?: string;
}

export interface CloudMediaRef {
  readonly mediaId: string;
  readonly mime?: string;
}

/** Delivery statuses of messages the bot sent. */
export const STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof STATUSES)[number];

export interface CloudStatus {
  readonly type: 'status';
  readonly messageId: string;
  readonly status: DeliveryStatus;
  readonly recipient: string;
  readonly at: Date;
  /** Graph error code of a failed message (131026 undeliverable, 131047 re-engagement, …). */
  readonly errorCode?: number;
}

type Obj = Readonly<Record<string, unknown>>;
const obj = (v: unknown): Obj | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;
const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const time = (v: unknown): Date => {
  const s = Number(str(v));
  return Number.isFinite(s) && s > 0 ? new Date(s * 1000) : new Date(0);
};

/** The `value` of every `messages` change of one webhook body that is for `phoneNumberId`. */
function changeValues(payload: unknown, phoneNumberId: string): Obj[] {
  const body = obj(payload);
  if (body?.object !== 'whatsapp_business_account') return [];
  return arr(body.entry)
    .flatMap((entry) => arr(obj(entry)?.changes))
    .flatMap((change) => {
      const c = obj(change);
      const value = obj(c?.value);
      const ours = c?.field === 'messages' && str(obj(value?.metadata)?.phone_number_id) === phoneNumberId;
      return value && ours ? [value] : [];
    });
}

/**
 * The messages and statuses of one webhook body (`object: whatsapp_business_account`, entries of
 * `messages` changes). Anything unreadable is skipped; only `phoneNumberId`'s notifications are taken.
 */
export function readNotification(payload: unknown, phoneNumberId: string): CloudEvent[] {
  return changeValues(payload, phoneNumberId).flatMap((value) => [
    ...arr(value.messages).flatMap((m) => readMessage(obj(m)) ?? []),
    ...arr(value.statuses).flatMap((s) => readStatus(obj(s)) ?? []),
  ]);
}

/** One received event as stored in the inbox: a notification body holding it alone, as Meta sent it. */
export interface RawEvent {
  /** The message id (`wamid`) of a message; a status has none (it is stored as it comes). */
  readonly messageId?: string;
  /** JSON of `{object, entry: [{changes: [{field, value: {metadata, messages|statuses: [it]}}]}]}`. */
  readonly json: string;
}

/**
 * The events of one webhook body, each in a body of its own (what `readNotification` reads back), so
 * each can be stored and handled on its own. Only the events `readNotification` takes are kept.
 */
export function rawEvents(payload: unknown, phoneNumberId: string): RawEvent[] {
  const alone = (value: Obj, field: 'messages' | 'statuses', item: unknown) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ field: 'messages', value: { metadata: value.metadata, [field]: [item] } }] }],
    });
  return changeValues(payload, phoneNumberId).flatMap((value) => [
    ...arr(value.messages).flatMap((m) => {
      const read = readMessage(obj(m));
      return read ? [{ messageId: read.id, json: alone(value, 'messages', m) }] : [];
    }),
    ...arr(value.statuses).flatMap((s) =>
      readStatus(obj(s)) ? [{ json: alone(value, 'statuses', s) }] : [],
    ),
  ]);
}

function media(v: unknown): CloudMediaRef | undefined {
  const o = obj(v);
  const mediaId = str(o?.id);
  if (!mediaId) return undefined;
  const mime = str(o?.mime_type);
  return mime ? { mediaId, mime } : { mediaId };
}

function readMessage(m: Obj | undefined): CloudMessage | undefined {
  const id = str(m?.id);
  const from = str(m?.from);
  if (!m || !id || !from || !/^\d{6,20}$/.test(from)) return undefined;
  const base = { type: 'message' as const, id, from, sentAt: time(m.timestamp) };
  switch (m.type) {
    case 'text':
      return { ...base, text: str(obj(m.text)?.body) ?? '' };
    case 'interactive': {
      const i = obj(m.interactive);
      const reply = obj(i?.button_reply) ?? obj(i?.list_reply);
      const choiceId = str(reply?.id);
      return choiceId ? { ...base, text: str(reply?.title) ?? '', choiceId } : { ...base, text: '' };
    }
    case 'button':
      // A quick-reply button of a template: its payload is the choice id the template was sent with.
      return { ...base, text: str(obj(m.button)?.text) ?? '', ...payloadChoice(obj(m.button)?.payload) };
    case 'image': {
      const image = media(m.image);
      return { ...base, text: str(obj(m.image)?.caption) ?? '', ...(image ? { image } : {}) };
    }
    case 'audio': {
      const audio = media(m.audio);
      return {
        ...base,
        text: '',
        ...(audio ? { audio: { ...audio, voice: obj(m.audio)?.voice === true } } : {}),
      };
    }
    case 'location': {
      const l = obj(m.location);
      const latitude = num(l?.latitude);
      const longitude = num(l?.longitude);
      return latitude !== undefined && longitude !== undefined
        ? { ...base, text: '', location: { latitude, longitude } }
        : { ...base, text: '', unsupported: 'location' };
    }
    default:
      return { ...base, text: '', unsupported: str(m.type) ?? 'unknown' };
  }
}

const payloadChoice = (v: unknown): { choiceId?: string } => {
  const s = str(v);
  return s ? { choiceId: s } : {};
};

function readStatus(s: Obj | undefined): CloudStatus | undefined {
  const messageId = str(s?.id);
  const status = str(s?.status);
  const recipient = str(s?.recipient_id);
  if (!s || !messageId || !recipient || !STATUSES.some((k) => k === status)) return undefined;
  const errorCode = num(obj(arr(s.errors)[0])?.code);
  return {
    type: 'status',
    messageId,
    status: status as DeliveryStatus,
    recipient,
    at: time(s.timestamp),
    ...(errorCode !== undefined ? { errorCode } : {}),
  };
}
