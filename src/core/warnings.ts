import type { Locale } from './locale.js';
import type { AreaLevel } from './report.js';

/**
 * Officers' warnings to the subscribers of their area (DESIGN §12, issue 20). A district or province
 * officer writes one in chat, sees who it reaches and confirms; a village officer proposes one to the
 * district, whose officers approve (it is sent) or reject it. Each officer and each area may send a
 * limited number a day; every step and every refusal is written to the warnings' audit log. The desk
 * authorises each call on the server against the officer record of the sending address.
 */

/** The shortest and the longest warning (one phone-sized message with its title and the STOP line). */
export const WARNING_TEXT_MIN = 20;
export const WARNING_TEXT_LIMIT = 600;

/** Why a warning step was refused; nothing was stored or sent. */
export type WarningRefusal =
  /** The address is no active officer. */
  | 'not-officer'
  /** Admins have no area of their own to warn. */
  | 'no-area'
  /** The officer's (or the area's) warnings of the last 24 hours reached the limit. */
  | 'limit'
  /** Too short or too long. */
  | 'invalid'
  /** A village officer's district has no officer to approve a proposal yet. */
  | 'no-reviewer'
  /** A proposal that does not exist, or not in the officer's area. */
  | 'not-found'
  /** No warning desk runs here (the demo without Redis). */
  | 'unavailable';

/** What confirming would do now: send to the area's subscribers, or propose it to the district. */
export interface WarningPlan {
  readonly kind: 'send' | 'propose';
  /** The area the warning is for: a district (`PP.KK`) or a province (`PP`). */
  readonly area: string;
  readonly areaName: string;
  /** Subscribers to warnings for the area now. */
  readonly recipients: number;
  /** For a proposal: the officers who will be asked to approve it. */
  readonly reviewers: number;
  /** Warnings (or proposals) the officer may still send in the next 24 hours, this one included. */
  readonly left: number;
}

export type WarningPlanResult =
  | { readonly type: 'plan'; readonly plan: WarningPlan }
  | { readonly type: 'refused'; readonly reason: WarningRefusal };

export type WarningResult =
  | { readonly type: 'sent'; readonly id: string; readonly recipients: number }
  | { readonly type: 'proposed'; readonly id: string; readonly reviewers: number }
  /** This draft went out before (a confirm pressed twice): nothing more was sent. */
  | { readonly type: 'already'; readonly id: string }
  | { readonly type: 'refused'; readonly reason: WarningRefusal };

/** A village officer's proposal, as a reviewing officer sees it. */
export interface WarningProposal {
  readonly id: string;
  readonly at: string;
  readonly text: string;
  /** The proposing officer's name and village. */
  readonly by: string;
  readonly village: string;
  /** The district it is for, and its name. */
  readonly district: string;
  readonly districtName: string;
}

export type WarningDecision = 'approve' | 'reject';

export type DecisionResult =
  | { readonly type: 'sent'; readonly id: string; readonly recipients: number }
  | { readonly type: 'rejected'; readonly id: string }
  /** Another officer decided first: nothing changed. */
  | { readonly type: 'decided'; readonly id: string; readonly as: WarningDecision; readonly by: string }
  | { readonly type: 'refused'; readonly reason: WarningRefusal };

/** What officers do with warnings from chat (implemented over Redis in src/broadcasts/warning-desk.ts). */
export interface WarningDesk {
  /** Who the officer's warning would reach now, and how many they have left; nothing is stored. */
  plan(address: string): Promise<WarningPlanResult>;
  /**
   * Sends the warning (district and province officers) or proposes it (village officers). `draft` is
   * the id of this draft: confirming it again sends nothing more.
   */
  confirm(address: string, draft: string, text: string): Promise<WarningResult>;
  /** Proposals waiting for the officer's decision (their district's, or their province's). */
  proposals(address: string): Promise<readonly WarningProposal[]>;
  /** One waiting proposal and what approving it would do, if the officer may decide it. */
  review(
    address: string,
    id: string,
  ): Promise<{ readonly proposal: WarningProposal; readonly plan: WarningPlan } | undefined>;
  decide(address: string, id: string, decision: WarningDecision): Promise<DecisionResult>;
}

/** An officer as the warnings see one (read from the officer directory on every call). */
export interface WarningOfficer {
  readonly id: string;
  readonly role: AreaLevel;
  readonly area: string;
  readonly name: string;
  readonly address: string;
  readonly locale: Locale;
}

/**
 * The officer side's answers the warning desk relies on: the same officer records and area rule as
 * the report actions (src/reports/officer-access.ts).
 */
export interface WarningAccess {
  /** The active officer behind a chat address. */
  officer(address: string): Promise<WarningOfficer | undefined>;
  /** Active officers of one area at one level. */
  officersOf(role: AreaLevel, area: string): Promise<WarningOfficer[]>;
  /** Does the officer's area contain this area (a village, district or province code)? */
  covers(officer: Pick<WarningOfficer, 'role' | 'area'>, area: string): boolean;
}

/** For engines built without warnings (the demo without Redis, tests of other parts). */
export const unwiredWarnings: WarningDesk = {
  plan: () => Promise.resolve({ type: 'refused', reason: 'unavailable' }),
  confirm: () => Promise.resolve({ type: 'refused', reason: 'unavailable' }),
  proposals: () => Promise.resolve([]),
  review: () => Promise.resolve(undefined),
  decide: () => Promise.resolve({ type: 'refused', reason: 'unavailable' }),
};
