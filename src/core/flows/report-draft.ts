import { PHOTO_TYPES as PHOTO_MEDIA, VOICE_TYPES as VOICE_MEDIA } from '../media-types.js';
import type { ChoiceWords } from '../choice-words.js';
import type { MediaRef } from '../message.js';
import {
  CONTACT_CONSENTS,
  PAYEES,
  RECRUITMENT_APPS,
  RECRUITMENT_METHODS,
  type ContactConsent,
  type PaymentAnswer,
  type RecruitmentAnswer,
  type ReportDetails,
} from '../report.js';
import type { FlowData, Json } from '../session.js';
import { bool, num, str, strings } from './data.js';

/** The wizard's questions, in order; `review` follows the last. */
export const STEPS = [
  'name',
  'phones',
  'company',
  'channel',
  'country',
  'job',
  'salary',
  'fees',
  'paid',
  'documents',
  'place',
  'village',
  'evidence',
  'contact',
  'updates',
  'bypass',
] as const;
export type Step = (typeof STEPS)[number];

/** Free-text answers and where they are stored in the draft (short keys keep sessions small). */
export const TEXT_FIELDS = {
  name: 'n',
  company: 'c',
  country: 'k',
  job: 'j',
  salary: 's',
  fees: 'f',
  documents: 'd',
  place: 'w',
} as const;
export type TextStep = keyof typeof TEXT_FIELDS;
export const isTextStep = (step: string): step is TextStep => step in TEXT_FIELDS;

export { NONE_ANSWER } from '../report.js';

/** A draft older than this is dropped with a message (it may hold a phone number and a story). */
export const DRAFT_LIFETIME_MS = 86_400_000;
export const MAX_FIELD_LENGTH = 300;
export const MAX_NOTE_LENGTH = 1000;
export const MAX_NOTES = 5;
export const MAX_PHONES = 5;
export const MAX_PHOTOS = 5;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES: readonly string[] = PHOTO_MEDIA;
/** Voice notes kept as evidence: heard by an officer, never transcribed. */
export const MAX_VOICE_NOTES = 3;
export const MAX_VOICE_BYTES = 5 * 1024 * 1024;
export const VOICE_TYPES: readonly string[] = VOICE_MEDIA;

/** Draft keys: t = started (ms), p = phones, v = village code, q = village matches, e = notes, m = photos,
 * ct = contact consent, u = updates wanted, b = bypass the village, r = return to review after an edit,
 * pf = steps already answered from a checked advert or the user's message (skipped on the way; editable
 * from the review); how the offer came: rm = method, ra = platform, rd = what was written for "other";
 * money paid: mp = paid (false: nothing yet), ma = amount, mc = currency, mt = paid to, mn = their name,
 * mr = receipts kept (mt and mr are null when skipped: asked, not answered). */
export const newDraft = (now: Date): FlowData => ({ t: now.getTime() });

/**
 * Reads the recruiter's phone numbers a reporter typed: each number normalised to the international form
 * (`+62 812 3456 7890`), a list written with commas, slashes, line breaks or "dan"/"atau" as separate
 * numbers, unique, at most `max`. Implemented outside the core (src/phones, libphonenumber-js).
 */
export type PhoneListReader = (text: string, max: number) => string[];

/** How the wizard reads chat answers to its choice questions ("lewat fb", "ga tau", "ke sponsor"). */
export interface AnswerWords {
  readonly words: ChoiceWords;
  /** True for a yes/no word ("ya", "gak"): no way an offer came, nor a name. */
  readonly isYesNo: (text: string) => boolean;
}

/** What the report wizard needs from outside the core. */
export interface ReportFlowDeps extends AnswerWords {
  readonly readPhones: PhoneListReader;
}

/** What a checked advert or the user's own message tells the wizard before it asks. */
export interface RecruiterHints {
  readonly phones: readonly string[];
  readonly companies: readonly string[];
  /** The one platform the text names ("hubungi WA …", "ditawari lewat fb"). */
  readonly recruitment?: RecruitmentAnswer;
  /** Money the user said they paid ("sudah bayar 30jt ke sponsor"): filled in only with its amount. */
  readonly payment?: PaymentAnswer;
}

/** A new draft with what the text named filled in (those steps are skipped); `newDraft` when it named nothing. */
export function prefilledDraft(now: Date, hints: RecruiterHints): FlowData {
  const phones = hints.phones.slice(0, MAX_PHONES);
  const company = hints.companies.join(', ').slice(0, MAX_FIELD_LENGTH);
  const payment = hints.payment?.amount !== undefined ? hints.payment : undefined;
  const filled: Step[] = [
    ...(phones.length > 0 ? ['phones' as const] : []),
    ...(company ? ['company' as const] : []),
    ...(hints.recruitment ? ['channel' as const] : []),
    ...(payment ? ['paid' as const] : []),
  ];
  if (filled.length === 0) return newDraft(now);
  return {
    ...newDraft(now),
    ...(phones.length > 0 ? { p: phones } : {}),
    ...(company ? { [TEXT_FIELDS.company]: company } : {}),
    ...(hints.recruitment ? recruitmentData(hints.recruitment) : {}),
    ...(payment ? paymentData(payment) : {}),
    pf: filled,
  };
}

/** The draft keys of an answer to "how did the offer reach you?". */
export const recruitmentData = (r: RecruitmentAnswer): FlowData => ({
  rm: r.method,
  ...(r.app ? { ra: r.app } : {}),
  ...(r.detail ? { rd: r.detail } : {}),
});

/** The draft keys of money paid; what was not said stays unasked. */
export const paymentData = (p: PaymentAnswer): FlowData => ({
  mp: p.paid,
  ...(p.amount !== undefined ? { ma: p.amount, mc: p.currency ?? 'IDR' } : {}),
  ...(p.to ? { mt: p.to } : {}),
  ...(p.toName ? { mn: p.toName } : {}),
  ...(p.proof !== undefined ? { mr: p.proof } : {}),
});

/** Draft keys of each answer, so a changed answer drops what belonged to the old one. */
export const RECRUITMENT_KEYS = ['rm', 'ra', 'rd'] as const;
export const PAYMENT_KEYS = ['mp', 'ma', 'mc', 'mt', 'mn', 'mr'] as const;

export const without = (data: FlowData, keys: readonly string[]): FlowData =>
  Object.fromEntries(Object.entries(data).filter(([k]) => !keys.includes(k)));

export function recruitmentOf(data: FlowData): RecruitmentAnswer | undefined {
  const method = RECRUITMENT_METHODS.find((m) => m === str(data, 'rm'));
  if (!method) return undefined;
  const app = RECRUITMENT_APPS.find((a) => a === str(data, 'ra'));
  const detail = str(data, 'rd');
  return { method, ...(app ? { app } : {}), ...(detail ? { detail } : {}) };
}

export function paymentOf(data: FlowData): PaymentAnswer | undefined {
  const paid = bool(data, 'mp');
  if (paid === undefined) return undefined;
  if (!paid) return { paid };
  const amount = num(data, 'ma');
  const to = PAYEES.find((p) => p === str(data, 'mt'));
  const toName = str(data, 'mn');
  const proof = bool(data, 'mr');
  return {
    paid,
    ...(amount !== undefined ? { amount, currency: str(data, 'mc') ?? 'IDR' } : {}),
    ...(to ? { to } : {}),
    ...(toName ? { toName } : {}),
    ...(proof !== undefined ? { proof } : {}),
  };
}

/**
 * The follow-up question of a step still open in the draft: which platform, for social media or a chat
 * app; whom the money went to and whether a receipt was kept, for money paid. Undefined when none is.
 */
export function followUp(step: Step, data: FlowData): string | undefined {
  if (step === 'channel') {
    const method = str(data, 'rm');
    return (method === 'social' || method === 'chat') && !('ra' in data) ? 'channelApp' : undefined;
  }
  if (step === 'paid' && bool(data, 'mp') === true) {
    if (!('mt' in data)) return 'paidTo';
    if (!('mr' in data)) return 'paidProof';
  }
  return undefined;
}

export const isExpired = (data: FlowData, now: Date): boolean =>
  now.getTime() - (num(data, 't') ?? 0) > DRAFT_LIFETIME_MS;

export function mediaOf(data: FlowData): MediaRef[] {
  const raw: Json | undefined = data.m;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((m): MediaRef[] => {
    if (typeof m !== 'object' || m === null || Array.isArray(m)) return [];
    const o = m as Record<string, Json>;
    if (typeof o.r !== 'string') return [];
    return [
      {
        kind: o.k === 'v' ? 'voice' : 'photo',
        ref: o.r,
        ...(typeof o.t === 'string' ? { mime: o.t } : {}),
        ...(typeof o.z === 'number' ? { size: o.z } : {}),
      },
    ];
  });
}

export const storedMedia = (m: MediaRef): Json => ({
  ...(m.kind === 'voice' ? { k: 'v' } : {}),
  r: m.ref,
  ...(m.mime ? { t: m.mime } : {}),
  ...(m.size !== undefined ? { z: m.size } : {}),
});

export const consentOf = (data: FlowData): ContactConsent | undefined => {
  const c = str(data, 'ct');
  return CONTACT_CONSENTS.find((x) => x === c);
};

/** The report as the officers will get it. */
export function detailsOf(data: FlowData): ReportDetails {
  const text = (step: TextStep) => str(data, TEXT_FIELDS[step]) ?? '';
  return {
    recruiter: { name: text('name'), phones: strings(data, 'p'), company: text('company') },
    offer: {
      country: text('country'),
      job: text('job'),
      salary: text('salary'),
      fees: text('fees'),
      documents: text('documents'),
    },
    ...optional('recruitment', recruitmentOf(data)),
    ...optional('payment', paymentOf(data)),
    place: text('place'),
    village: str(data, 'v') ?? '',
    notes: strings(data, 'e'),
    media: mediaOf(data),
    bypassVillage: bool(data, 'b') ?? false,
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Partial<Record<K, V>>);

/** Who the recruiter is: at least one of name, phone or company is needed to act on a report. */
export const identifiesRecruiter = (data: FlowData): boolean =>
  [str(data, 'n'), str(data, 'c')].some((v) => v !== undefined && v !== '') || strings(data, 'p').length > 0;

/**
 * The step after `step`: the next question not filled in beforehand (or the follow-up a filled one still
 * needs: "sudah bayar 30jt" says how much, not to whom), or the review when editing or done.
 */
export function stepAfter(step: Step, data: FlowData): string {
  if (str(data, 'r') === 'review') return 'review';
  const filled = strings(data, 'pf');
  let i = STEPS.indexOf(step) + 1;
  for (let s = STEPS[i]; s !== undefined && filled.includes(s); s = STEPS[++i]) {
    const open = followUp(s, data);
    if (open) return open;
  }
  return STEPS[i] ?? 'review';
}
