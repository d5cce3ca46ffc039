import type { HistoryEntry, ReportRecord } from './report-record.js';

/**
 * Times read from a report's history, the same for the desk's overview, its filters and the admin
 * commands: when it reached the officers it sits with, when it was first taken, when it was resolved.
 */

/** Not taken by any officer yet, and not finished: the escalation clock is running (or would be). */
export const NOT_TAKEN = ['submitted', 'unrouted', 'routed', 'notified', 'escalated'] as const;

const firstAt = (history: readonly HistoryEntry[], type: string): number | undefined => {
  const e = history.find((h) => h.type === type);
  return e ? Date.parse(e.at) : undefined;
};

/** When the report reached its current level: its last routing or escalation, else its creation. */
export function reachedLevelMs(r: ReportRecord, history: readonly HistoryEntry[]): number {
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i];
    if (h && (h.type === 'routed' || h.type === 'escalated')) return Date.parse(h.at);
  }
  return Date.parse(r.createdAt);
}

/**
 * Overdue: nobody has taken it and it has waited at its level longer than the escalation time
 * (REPORT_ESCALATE_AFTER_MINUTES). A report at the top level, with nobody above to escalate to,
 * stays overdue until someone takes it.
 */
export function isOverdue(
  r: ReportRecord,
  history: readonly HistoryEntry[],
  nowMs: number,
  escalateAfterMs: number,
): boolean {
  if (!(NOT_TAKEN as readonly string[]).includes(r.status)) return false;
  return nowMs - reachedLevelMs(r, history) > escalateAfterMs;
}

/** Time from creation to the first acknowledgement (ms); undefined when never taken. */
export function timeToAcknowledgeMs(r: ReportRecord, history: readonly HistoryEntry[]): number | undefined {
  const at = firstAt(history, 'acknowledged');
  return at === undefined ? undefined : at - Date.parse(r.createdAt);
}

/** When the report was resolved (ms); undefined while it is not. */
export function resolvedAtMs(r: ReportRecord, history: readonly HistoryEntry[]): number | undefined {
  return r.status === 'resolved' ? firstAt(history, 'resolved') : undefined;
}

/** Whether a report's history must be read to know these times (a new one has only its submission). */
export const needsHistory = (r: ReportRecord): boolean => r.status !== 'submitted';
