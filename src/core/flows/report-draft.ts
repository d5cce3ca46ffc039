import type { MediaRef } from '../message.js';
import { CONTACT_CONSENTS, type ContactConsent, type ReportDetails } from '../report.js';
import type { FlowData, Json } from '../session.js';
import { bool, num, str, strings } from './data.js';

/** The wizard's questions, in order; `review` follows the last. */
export const STEPS = [
  'name',
  'phones',
  'company',
  'country',
  'job',
  'salary',
  'fees',
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
export const PHOTO_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

/** Draft keys: t = started (ms), p = phones, v = village code, q = village matches, e = notes, m = photos,
 * ct = contact consent, u = updates wanted, b = bypass the village, r = return to review after an edit,
 * pf = steps already answered from a checked advert (skipped on the way; editable from the review). */
export const newDraft = (now: Date): FlowData => ({ t: now.getTime() });

/**
 * Reads the recruiter's phone numbers a reporter typed: each number normalised to the international form
 * (`+62 812 3456 7890`), a list written with commas, slashes, line breaks or "dan"/"atau" as separate
 * numbers, unique, at most `max`. Implemented outside the core (src/phones, libphonenumber-js).
 */
export type PhoneListReader = (text: string, max: number) => string[];

/** What a checked advert tells the wizard about the recruiter. */
export interface RecruiterHints {
  readonly phones: readonly string[];
  readonly companies: readonly string[];
}

/** A new draft with the advert's phone numbers and company filled in; `newDraft` when it named neither. */
export function prefilledDraft(now: Date, hints: RecruiterHints): FlowData {
  const phones = hints.phones.slice(0, MAX_PHONES);
  const company = hints.companies.join(', ').slice(0, MAX_FIELD_LENGTH);
  const filled: Step[] = [
    ...(phones.length > 0 ? ['phones' as const] : []),
    ...(company ? ['company' as const] : []),
  ];
  if (filled.length === 0) return newDraft(now);
  return {
    ...newDraft(now),
    ...(phones.length > 0 ? { p: phones } : {}),
    ...(company ? { [TEXT_FIELDS.company]: company } : {}),
    pf: filled,
  };
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
        kind: 'photo',
        ref: o.r,
        ...(typeof o.t === 'string' ? { mime: o.t } : {}),
        ...(typeof o.z === 'number' ? { size: o.z } : {}),
      },
    ];
  });
}

export const storedMedia = (m: MediaRef): Json => ({
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
    place: text('place'),
    village: str(data, 'v') ?? '',
    notes: strings(data, 'e'),
    media: mediaOf(data),
    bypassVillage: bool(data, 'b') ?? false,
  };
}

/** Who the recruiter is: at least one of name, phone or company is needed to act on a report. */
export const identifiesRecruiter = (data: FlowData): boolean =>
  [str(data, 'n'), str(data, 'c')].some((v) => v !== undefined && v !== '') || strings(data, 'p').length > 0;

/** The step after `step`: the next question not filled in from an advert, or the review when editing or done. */
export function stepAfter(step: Step, data: FlowData): string {
  if (str(data, 'r') === 'review') return 'review';
  const filled = strings(data, 'pf');
  let i = STEPS.indexOf(step) + 1;
  while (STEPS[i] !== undefined && filled.includes(STEPS[i] ?? '')) i++;
  return STEPS[i] ?? 'review';
}
