import type { AreaLevel, ReportDetails, ReportStatus } from '../core/report.js';
import type { HistoryEntry, ReportRecord } from './report-record.js';

/**
 * What the overview, the filters and the admin statistics need of each report, read once from its
 * record and history: where it is, its state, what was reported, when it reached the officers it sits
 * with, when it was first taken and when resolved. The same for the desk and the CLI.
 */
export interface ReportFacts {
  readonly code: string;
  readonly createdMs: number;
  readonly status: ReportStatus;
  readonly level: AreaLevel;
  /** What was reported (never changes once filed): the area check and the word search read it. */
  readonly details: ReportDetails;
  readonly outcome?: string;
  /** Its last routing or escalation, else its creation. */
  readonly reachedLevelMs: number;
  /** The first acknowledgement, when taken. */
  readonly acknowledgedMs?: number;
  /** The resolution, while resolved. */
  readonly resolvedMs?: number;
}

/** Not taken by any officer yet, and not finished: the escalation clock is running (or would be). */
export const NOT_TAKEN: readonly ReportStatus[] = [
  'submitted',
  'unrouted',
  'routed',
  'notified',
  'escalated',
];

const firstAt = (history: readonly HistoryEntry[], type: string): number | undefined => {
  const e = history.find((h) => h.type === type);
  return e ? Date.parse(e.at) : undefined;
};

function reachedLevelMs(r: ReportRecord, history: readonly HistoryEntry[]): number {
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i];
    if (h && (h.type === 'routed' || h.type === 'escalated')) return Date.parse(h.at);
  }
  return Date.parse(r.createdAt);
}

/** The facts of a report from its record and history (`history` may be [] when `needsHistory` is false). */
export function factsOf(r: ReportRecord, history: readonly HistoryEntry[]): ReportFacts {
  const acknowledgedMs = firstAt(history, 'acknowledged');
  const resolvedMs = r.status === 'resolved' ? firstAt(history, 'resolved') : undefined;
  return {
    code: r.code,
    createdMs: Date.parse(r.createdAt),
    status: r.status,
    level: r.level,
    details: r.details,
    ...(r.outcome !== undefined ? { outcome: r.outcome } : {}),
    reachedLevelMs: reachedLevelMs(r, history),
    ...(acknowledgedMs !== undefined ? { acknowledgedMs } : {}),
    ...(resolvedMs !== undefined ? { resolvedMs } : {}),
  };
}

/** Whether a report's history must be read for its facts (a new one has only its submission). */
export const needsHistory = (r: ReportRecord): boolean => r.status !== 'submitted';

/**
 * Overdue: nobody has taken it and it has waited at its level longer than the escalation time
 * (REPORT_ESCALATE_AFTER_MINUTES). A report at the top level, with nobody above to escalate to,
 * stays overdue until someone takes it.
 */
export const isOverdue = (f: ReportFacts, nowMs: number, escalateAfterMs: number): boolean =>
  NOT_TAKEN.includes(f.status) && nowMs - f.reachedLevelMs > escalateAfterMs;
