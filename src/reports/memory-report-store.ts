import type { ReportStatus, Reporter } from '../core/report.js';
import { reporterId } from './keys.js';
import { areaOf, type HistoryEntry, type ReportRecord } from './report-record.js';
import {
  AUDIT_KEPT,
  LINK_TTL_SECONDS,
  applies,
  dayOf,
  type ChangeResult,
  type CreateResult,
  type NewReport,
  type ReportChange,
  type ReportStore,
} from './report-store.js';

interface Stored {
  record: ReportRecord;
  /** Undefined once removed (retention, "delete my data"). */
  reporter: Reporter | undefined;
  history: HistoryEntry[];
  audit: HistoryEntry[];
}

/** Reports in process memory, for the console demo only: everything is gone when it stops. */
export class MemoryReportStore implements ReportStore {
  private readonly reports = new Map<string, Stored>();
  private readonly drafts = new Map<string, string>();
  private readonly links = new Map<string, { code: string; until: number }>();
  private readonly daily = new Map<string, number>();
  private readonly alerts = new Set<string>();
  /** Report code → when it started waiting at its level. */
  private readonly waiting = new Map<string, number>();

  create(r: NewReport): Promise<CreateResult> {
    const who = reporterId(r.reporter.address);
    const draft = this.drafts.get(`${who}:${r.draftKey}`);
    if (draft) return Promise.resolve({ type: 'existing', code: draft });
    const now = r.createdAt.getTime();
    for (const phone of r.details.recruiter.phones) {
      const link = this.links.get(`${who}:${phone}`);
      if (link && link.until > now) return Promise.resolve({ type: 'linked', code: link.code });
    }
    const day = `${who}:${dayOf(r.createdAt)}`;
    if ((this.daily.get(day) ?? 0) >= r.perDay) return Promise.resolve({ type: 'limit' });
    if (this.reports.has(r.code)) return Promise.resolve({ type: 'collision' });
    const at = r.createdAt.toISOString();
    this.reports.set(r.code, {
      record: {
        code: r.code,
        status: 'submitted',
        level: 'village',
        area: r.details.village,
        createdAt: at,
        updatedAt: at,
        details: r.details,
        contact: r.reporter.contact,
        updates: r.reporter.updates,
      },
      reporter: r.reporter,
      history: [{ at, type: 'submitted' }],
      audit: [],
    });
    this.drafts.set(`${who}:${r.draftKey}`, r.code);
    this.daily.set(day, (this.daily.get(day) ?? 0) + 1);
    for (const phone of r.details.recruiter.phones) {
      this.links.set(`${who}:${phone}`, { code: r.code, until: now + LINK_TTL_SECONDS * 1000 });
    }
    return Promise.resolve({ type: 'created', code: r.code });
  }

  get(code: string): Promise<ReportRecord | undefined> {
    return Promise.resolve(this.reports.get(code)?.record);
  }

  reporter(code: string): Promise<Reporter | undefined> {
    return Promise.resolve(this.reports.get(code)?.reporter);
  }

  history(code: string): Promise<HistoryEntry[]> {
    return Promise.resolve([...(this.reports.get(code)?.history ?? [])]);
  }

  update(code: string, change: ReportChange, entry: HistoryEntry): Promise<ChangeResult> {
    const stored = this.reports.get(code);
    if (!stored) return Promise.resolve({ applied: false });
    const before = stored.record.status;
    if (!applies(change, stored.record)) return Promise.resolve({ applied: false, before });
    // Reaching a level starts its wait, also from one escalated level to the next.
    if (change.to === 'routed' || change.to === 'escalated') this.waiting.set(code, Date.parse(entry.at));
    else if (change.to && ['acknowledged', 'resolved', 'failed'].includes(change.to))
      this.waiting.delete(code);
    stored.record = {
      ...stored.record,
      ...(change.to ? { status: change.to } : {}),
      ...(change.level ? { level: change.level } : {}),
      ...(change.area !== undefined ? { area: change.area } : {}),
      ...(change.outcome !== undefined ? { outcome: change.outcome } : {}),
      ...(change.owner !== undefined ? { owner: change.owner } : {}),
      updatedAt: entry.at,
    };
    stored.history.push(entry);
    return Promise.resolve({ applied: true, before });
  }

  audit(code: string, entry: HistoryEntry): Promise<void> {
    const stored = this.reports.get(code);
    if (stored) stored.audit = [...stored.audit, entry].slice(-AUDIT_KEPT);
    return Promise.resolve();
  }

  auditLog(code: string): Promise<HistoryEntry[]> {
    return Promise.resolve([...(this.reports.get(code)?.audit ?? [])]);
  }

  codesByStatus(status: ReportStatus, createdBefore?: Date): Promise<string[]> {
    const limit = createdBefore?.toISOString();
    return Promise.resolve(
      [...this.reports.values()]
        .filter((s) => s.record.status === status && (!limit || s.record.createdAt <= limit))
        .map((s) => s.record.code),
    );
  }

  codesByReporter(address: string): Promise<string[]> {
    return Promise.resolve(
      [...this.reports.values()].filter((s) => s.reporter?.address === address).map((s) => s.record.code),
    );
  }

  codesByArea(area: string): Promise<string[]> {
    const inArea = (village: string) =>
      (['village', 'district', 'province'] as const).some((l) => areaOf(village, l) === area);
    return Promise.resolve(
      [...this.reports.values()]
        .filter((s) => inArea(s.record.details.village))
        .sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt))
        .map((s) => s.record.code),
    );
  }

  removeReporter(code: string, entry: HistoryEntry): Promise<boolean> {
    const stored = this.reports.get(code);
    if (!stored?.reporter) return Promise.resolve(false);
    stored.reporter = undefined;
    stored.history.push(entry);
    stored.record = { ...stored.record, updatedAt: entry.at };
    return Promise.resolve(true);
  }

  waitingSince(before: Date): Promise<string[]> {
    return Promise.resolve(
      [...this.waiting].filter(([, since]) => since <= before.getTime()).map(([code]) => code),
    );
  }

  stopWaiting(code: string): Promise<void> {
    this.waiting.delete(code);
    return Promise.resolve();
  }

  alertSent(alertId: string): Promise<boolean> {
    return Promise.resolve(this.alerts.has(alertId));
  }

  completeAlert(
    alertId: string,
    code: string,
    sent: HistoryEntry,
    transition?: { readonly change: ReportChange; readonly entry: HistoryEntry },
  ): Promise<ChangeResult> {
    const stored = this.reports.get(code);
    if (!stored) return Promise.resolve({ applied: false });
    this.alerts.add(alertId);
    stored.history.push(sent);
    stored.record = { ...stored.record, updatedAt: sent.at };
    if (!transition) return Promise.resolve({ applied: false, before: stored.record.status });
    return this.update(code, transition.change, transition.entry);
  }
}
