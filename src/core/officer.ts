import type { Locale } from './locale.js';
import type { AreaLevel, ContactConsent, ReportDetails, ReportStatus, VillagePlace } from './report.js';
import { ACTION_TEXT_LIMIT, isReportCode } from './report-actions.js';
import type { WarningDesk } from './warnings.js';

/** Outcomes an officer closes a report with (DESIGN §6). */
export const OUTCOMES = ['procedural', 'warned', 'referred', 'not-found', 'false'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface OfficerSelf {
  readonly role: AreaLevel;
  readonly area: string;
  /** Name of the area (village with district…, regency, province); empty for admins. */
  readonly areaName: string;
  readonly name: string;
}

export type JoinResult =
  | { readonly type: 'joined'; readonly officer: OfficerSelf }
  | { readonly type: 'invalid' | 'expired' | 'used' | 'limited' };

/** One history line as an officer reads it. */
export interface HistoryLine {
  readonly at: string;
  readonly type: string;
  readonly level?: AreaLevel;
  /** Officer names (never the reporter). */
  readonly who?: string;
  readonly note?: string;
}

/** A report as an officer of its area may see it. The reporter's address only with their consent. */
export interface OfficerReportView {
  readonly code: string;
  readonly status: ReportStatus;
  readonly level: AreaLevel;
  readonly createdAt: string;
  readonly details: ReportDetails;
  readonly village: VillagePlace | undefined;
  readonly contact: ContactConsent;
  readonly reporterAddress?: string;
  /** Name of the officer who took it. */
  readonly owner?: string;
  readonly outcome?: string;
  readonly history: readonly HistoryLine[];
}

/**
 * An action the desk carries out: a `ReportAction` (report-actions.ts) completed by the officer flow
 * with the outcome and the text it asked for.
 */
export type OfficerAction =
  | { readonly type: 'ack'; readonly code: string }
  | { readonly type: 'resolve'; readonly code: string; readonly outcome: Outcome; readonly note: string }
  | { readonly type: 'note'; readonly code: string; readonly note: string }
  | { readonly type: 'ask'; readonly code: string; readonly question: string };

export type ActionResult =
  | { readonly type: 'done'; readonly code: string }
  /** Someone else acknowledged first. */
  | { readonly type: 'taken'; readonly code: string; readonly by: string }
  /** Already done (a replayed button): nothing changed. */
  | { readonly type: 'already'; readonly code: string }
  /** Taken by another officer: only they may resolve it (a note or a question is still possible). */
  | { readonly type: 'not-owner'; readonly code: string; readonly by: string }
  /** Resolved before with another outcome or by another officer: nothing changed, this is what stands. */
  | { readonly type: 'resolved-as'; readonly code: string; readonly outcome: string; readonly by: string }
  /** Not an officer, another area's report, a closed report, no consent to ask: refused and audited. */
  | { readonly type: 'refused'; readonly code: string; readonly reason: RefusalReason };

export type RefusalReason = 'not-officer' | 'not-found' | 'closed' | 'no-consent' | 'invalid';

/**
 * The desk's own check of an action's shape, whoever sent it (chat, a forged button, a future web
 * form): a code the bot never makes reads like a report that does not exist; an unknown kind or
 * outcome, or a text over the limit, is refused as invalid. Types do not hold at run time.
 */
export function actionProblem(action: OfficerAction): RefusalReason | undefined {
  if (typeof action.code !== 'string' || !isReportCode(action.code)) return 'not-found';
  const text = (s: unknown) => typeof s === 'string' && s.length <= ACTION_TEXT_LIMIT;
  switch (action.type) {
    case 'ack':
      return undefined;
    case 'resolve':
      return OUTCOMES.includes(action.outcome) && text(action.note) ? undefined : 'invalid';
    case 'note':
      return text(action.note) && action.note.trim() !== '' ? undefined : 'invalid';
    case 'ask':
      return text(action.question) && action.question.trim() !== '' ? undefined : 'invalid';
    default:
      return 'invalid';
  }
}

/**
 * What officers do from chat, every call authorised on the server against the officer record of the
 * sending address and the report's area. Implemented outside the core (Redis, or memory in the demo).
 */
export interface OfficerDesk {
  join(address: string, code: string, locale: Locale): Promise<JoinResult>;
  whoAmI(address: string): Promise<OfficerSelf | undefined>;
  act(address: string, action: OfficerAction): Promise<ActionResult>;
  view(address: string, code: string): Promise<OfficerReportView | undefined>;
  /** Open reports of the officer's area, newest first. */
  open(
    address: string,
  ): Promise<readonly { code: string; status: ReportStatus; createdAt: string; village: string }[]>;
  /** The reporter answers an officer's question; relayed without either side's identity. */
  answer(reporterAddress: string, code: string, text: string): Promise<'sent' | 'refused'>;
  /** Warnings to the subscribers of the officer's area (src/core/warnings.ts); none: not available here. */
  readonly warnings?: WarningDesk;
}
