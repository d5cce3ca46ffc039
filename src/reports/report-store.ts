import type { ReportDetails, ReportStatus, Reporter } from '../core/report.js';
import type { HistoryEntry, ReportRecord } from './report-record.js';

export interface NewReport {
  readonly code: string;
  readonly reporter: Reporter;
  readonly draftKey: string;
  readonly details: ReportDetails;
  readonly createdAt: Date;
  /** Reports one reporter may file per day. */
  readonly perDay: number;
}

export type CreateResult =
  | { readonly type: 'created'; readonly code: string }
  /** This draft was stored before (a retry): the same report. */
  | { readonly type: 'existing'; readonly code: string }
  /** The reporter reported one of these phones within a day. */
  | { readonly type: 'linked'; readonly code: string }
  | { readonly type: 'limit' }
  /** The code is taken by another report: try another. */
  | { readonly type: 'collision' };

/** A guarded change of a report: applied only when its status is one of `from` (any when absent). */
export interface ReportChange {
  readonly from?: readonly ReportStatus[];
  readonly to?: ReportStatus;
  readonly level?: ReportRecord['level'];
  readonly area?: string;
  readonly outcome?: string;
  readonly owner?: string;
  /** Apply only while the report is still at this level (two escalations of one level apply once). */
  readonly atLevel?: ReportRecord['level'];
  /** Apply only while the report has no owner or this one (only the officer who took it may close it). */
  readonly openTo?: string;
}

export interface ChangeResult {
  readonly applied: boolean;
  /** Status before the change; undefined when the report does not exist. */
  readonly before?: ReportStatus;
}

/** Reports, their history and indexes. Redis in service mode; memory in the console demo. */
export interface ReportStore {
  create(report: NewReport): Promise<CreateResult>;
  get(code: string): Promise<ReportRecord | undefined>;
  reporter(code: string): Promise<Reporter | undefined>;
  history(code: string): Promise<HistoryEntry[]>;
  /** Applies `change` and appends `entry` in one step; nothing changes when the guard fails. */
  update(code: string, change: ReportChange, entry: HistoryEntry): Promise<ChangeResult>;
  /**
   * Records a refused action in the report's audit log (the last `AUDIT_KEPT`), not in its history:
   * the report itself is untouched.
   */
  audit(code: string, entry: HistoryEntry): Promise<void>;
  /** The audit log of a report, oldest first. */
  auditLog(code: string): Promise<HistoryEntry[]>;
  codesByStatus(status: ReportStatus, createdBefore?: Date): Promise<string[]>;
  codesByReporter(address: string): Promise<string[]>;
  /** Codes of the reports from an area (village, district or province code), oldest first. */
  codesByArea(area: string): Promise<string[]>;
  /**
   * Removes the reporter's contact data and their index entry, keeps the report and appends `entry`,
   * in one step. False (and nothing appended) when the report has no reporter data left.
   */
  removeReporter(code: string, entry: HistoryEntry): Promise<boolean>;
  /** Reports routed or escalated before `before` and still not taken: due for escalation. */
  waitingSince(before: Date): Promise<string[]>;
  /** Takes a report out of the waiting index (nobody above to escalate to). */
  stopWaiting(code: string): Promise<void>;
  /** Whether this alert (or notice, or message) was recorded as sent. */
  alertSent(alertId: string): Promise<boolean>;
  /**
   * Marks an alert as sent and records `sent` in one step; when `transition` is given and its guard
   * holds, applies it too (with its own entry). Returns whether the transition applied.
   */
  completeAlert(
    alertId: string,
    code: string,
    sent: HistoryEntry,
    transition?: { readonly change: ReportChange; readonly entry: HistoryEntry },
  ): Promise<ChangeResult>;
}

/** How long a reporter's link from a recruiter phone to their report lasts. */
export const LINK_TTL_SECONDS = 86_400;
/** How long a submitted draft's key is remembered (a retry comes within minutes). */
export const DRAFT_TTL_SECONDS = 2 * 86_400;
/** Alert delivery states are kept this long: far beyond any retry. */
export const ALERT_STATE_TTL_SECONDS = 90 * 86_400;

/** Refused actions kept per report: enough to see who tried what, bounded however many try. */
export const AUDIT_KEPT = 200;

export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

export function applies(change: ReportChange, r: Pick<ReportRecord, 'status' | 'level' | 'owner'>): boolean {
  return (
    (!change.from || change.from.includes(r.status)) &&
    (!change.atLevel || change.atLevel === r.level) &&
    (!change.openTo || !r.owner || r.owner === change.openTo)
  );
}
