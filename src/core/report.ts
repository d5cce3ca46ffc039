import type { Locale } from './locale.js';
import type { MediaRef } from './message.js';

/**
 * Report lifecycle (DESIGN §5): `submitted` → `routed` → `notified` → `acknowledged` → `resolved`;
 * side paths `escalated`, `unrouted` (nobody registered at any level yet: it waits, and is routed when
 * an officer covering it or an admin joins) and `failed` (dead letter, admins alerted).
 */
export const REPORT_STATUSES = [
  'submitted',
  'unrouted',
  'routed',
  'notified',
  'escalated',
  'acknowledged',
  'resolved',
  'failed',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Levels a report can be routed to, from the village up (Kemendagri codes `PP.KK.CC.VVVV`). */
export const AREA_LEVELS = ['village', 'district', 'province', 'admin'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/**
 * What officers may learn of the reporter: nothing (`none`), questions relayed through the bot without
 * revealing either side (`relay`), or the reporter's chat address (`direct`).
 */
export const CONTACT_CONSENTS = ['none', 'relay', 'direct'] as const;
export type ContactConsent = (typeof CONTACT_CONSENTS)[number];

/** Stored for "no fee asked" / "no documents taken": shown to officers in their own language. */
export const NONE_ANSWER = '-';

/**
 * How the offer reached the person: the recruiter in person (came to the house or the village), through
 * family, through friends or neighbours, on social media, in a chat app, or another way. The IOM Human
 * Trafficking Case Data Standard asks it (`vic_MethodOfRecruitment`; the mapping is in src/reports/htcds.ts).
 */
export const RECRUITMENT_METHODS = ['in-person', 'family', 'friends', 'social', 'chat', 'other'] as const;
export type RecruitmentMethod = (typeof RECRUITMENT_METHODS)[number];

/** Platforms of the two online methods (HTCDS `vic_RecruitmentWebsitesAndApps`), and any other one. */
export const SOCIAL_APPS = ['facebook', 'tiktok', 'instagram'] as const;
export const CHAT_APPS = ['whatsapp', 'telegram', 'messenger'] as const;
export const RECRUITMENT_APPS = [...SOCIAL_APPS, ...CHAT_APPS, 'other'] as const;
export type RecruitmentApp = (typeof RECRUITMENT_APPS)[number];

export interface RecruitmentAnswer {
  readonly method: RecruitmentMethod;
  /** Only with `social` or `chat`, when the reporter said which. */
  readonly app?: RecruitmentApp;
  /** What the reporter wrote for a way or a platform the choices do not name ("brosur di pasar", "YouTube"). */
  readonly detail?: string;
}

/** Whom money was paid to: the recruiter reported, an agency or company (PT), an LPK (training centre), someone else. */
export const PAYEES = ['recruiter', 'agency', 'lpk', 'other'] as const;
export type Payee = (typeof PAYEES)[number];

/** Money already paid, as the reporter told it; what they did not say is absent. */
export interface PaymentAnswer {
  /** False: nothing paid yet. */
  readonly paid: boolean;
  /** Whole units of `currency`; absent when the reporter paid but does not remember how much. */
  readonly amount?: number;
  /** ISO 4217 code (`IDR` unless another currency was written). */
  readonly currency?: string;
  readonly to?: Payee;
  /** The name of the agency, LPK or person paid, as written. */
  readonly toName?: string;
  /** A receipt or proof of transfer kept. */
  readonly proof?: boolean;
}

/** What the reporter told about the recruiter and the offer; every field as typed, already trimmed. */
export interface ReportDetails {
  readonly recruiter: {
    readonly name: string;
    /** International form (+62…). */
    readonly phones: readonly string[];
    readonly company: string;
  };
  readonly offer: {
    readonly country: string;
    readonly job: string;
    readonly salary: string;
    readonly fees: string;
    readonly documents: string;
  };
  /** How the offer reached the person; absent when skipped (and in reports filed before it was asked). */
  readonly recruitment?: RecruitmentAnswer;
  /** Money already paid; absent when skipped (and in reports filed before it was asked). */
  readonly payment?: PaymentAnswer;
  /** Where and when it happened. */
  readonly place: string;
  /** Kemendagri village code of the reporter's village. */
  readonly village: string;
  readonly notes: readonly string[];
  readonly media: readonly MediaRef[];
  /** Send past the village straight to the district (the recruiter may be a village official). */
  readonly bypassVillage: boolean;
}

export interface Reporter {
  /** Chat address (`telegram:123`); never shown to officers unless `contact` is `direct`. */
  readonly address: string;
  readonly locale: Locale;
  readonly contact: ContactConsent;
  /** Told when the status changes. */
  readonly updates: boolean;
}

export interface SubmitRequest {
  readonly reporter: Reporter;
  /**
   * Identifies the draft (when it was started): submitting the same draft twice — a retry after
   * "not saved, try again" — returns the same report instead of a second one.
   */
  readonly draftKey: string;
  readonly details: ReportDetails;
}

export type SubmitResult =
  /** Stored with the jobs that bring it to an officer (its alerts, or its route job): the user may be told "received". */
  | { readonly type: 'received'; readonly code: string }
  /** The same reporter reported this recruiter's phone within a day: linked to that report, no new alert. */
  | { readonly type: 'linked'; readonly code: string }
  /** Too many reports from this reporter today. */
  | { readonly type: 'limit'; readonly max: number };

/** What a reporter may see of their own report: no officer names, no other reporter's details. */
export interface ReportStatusView {
  readonly code: string;
  readonly status: ReportStatus;
  readonly level: AreaLevel;
  readonly village: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly outcome?: string;
}

/**
 * Where reports go in: the report store and the queue behind it. Implemented outside the core
 * (Redis + BullMQ in service mode, memory in the console demo). `submit` rejects when the report
 * could not be stored durably: the user must then be told it was *not* received.
 */
export interface ReportDesk {
  submit(req: SubmitRequest): Promise<SubmitResult>;
  /** The report's status, for the address that filed it only; anyone else gets `undefined`. */
  status(code: string, reporterAddress: string): Promise<ReportStatusView | undefined>;
}

/** A village as the report wizard shows it. */
export interface VillagePlace {
  readonly code: string;
  readonly name: string;
  readonly district: string;
  readonly regency: string;
  readonly province: string;
}

/** Finds villages by name (with district, regency or province words) or by Kemendagri code. */
export interface VillageFinder {
  find(query: string, limit: number): readonly VillagePlace[];
  byCode(code: string): VillagePlace | undefined;
}

/** Report codes: `R-` and 6 characters without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
export const REPORT_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
export const REPORT_CODE_LENGTH = 6;

/** Reads "R-7KQ4MX", "r 7kq4mx" or "7KQ4MX" as a report code. */
export function parseReportCode(text: string): string | undefined {
  const m = /^\s*(?:r\s*[-–.]?\s*)?([a-z0-9]{6})\s*$/i.exec(text);
  const code = m?.[1]?.toUpperCase();
  return code && /^[A-Z0-9]+$/.test(code) && code.split('').every((c) => REPORT_CODE_ALPHABET.includes(c))
    ? `R-${code}`
    : undefined;
}
