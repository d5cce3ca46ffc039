import type { HistoryLine, OfficerReportView } from '../core/officer.js';
import type { ReportStatus, VillageFinder } from '../core/report.js';
import type { OfficerDirectory } from '../officers/officer.js';
import { covers, type DeskAccess } from './officer-access.js';
import type { ReportRecord } from './report-record.js';
import type { ReportStore } from './report-store.js';
import { OPEN } from './statuses.js';

/** What officers read: one report with its history, and their area's open reports. */
export interface ViewDeps {
  readonly directory: OfficerDirectory;
  readonly store: ReportStore;
  readonly villages: VillageFinder;
  readonly access: DeskAccess;
}

/** One report as this officer may see it (authorised like an action), or undefined. */
export async function viewReport(
  deps: ViewDeps,
  address: string,
  code: string,
): Promise<OfficerReportView | undefined> {
  const ok = await deps.access.authorise(address, code, 'view');
  if ('refused' in ok) return undefined;
  const { report } = ok;
  const [history, reporter, owner] = await Promise.all([
    historyLines(deps, code),
    report.contact === 'direct' ? deps.store.reporter(code) : undefined,
    report.owner ? deps.directory.get(report.owner) : undefined,
  ]);
  return {
    code,
    status: report.status,
    level: report.level,
    createdAt: report.createdAt,
    details: report.details,
    village: deps.villages.byCode(report.details.village),
    contact: report.contact,
    ...(reporter ? { reporterAddress: reporter.address } : {}),
    ...(owner ? { owner: owner.name } : {}),
    ...(report.outcome ? { outcome: report.outcome } : {}),
    history,
  };
}

/** Open reports of the officer's area (every open report for admins), newest first. */
export async function openReports(
  deps: ViewDeps,
  address: string,
): Promise<{ code: string; status: ReportStatus; createdAt: string; village: string }[]> {
  const { store } = deps;
  const officer = await deps.directory.byAddress(address);
  if (!officer?.active) return [];
  const codes =
    officer.role === 'admin'
      ? (await Promise.all(OPEN.map((s) => store.codesByStatus(s)))).flat()
      : await store.codesByArea(officer.area);
  const reports = (await Promise.all(codes.map((c) => store.get(c)))).filter(
    (r): r is ReportRecord => r !== undefined && OPEN.includes(r.status) && covers(officer, r),
  );
  return reports
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((r) => ({
      code: r.code,
      status: r.status,
      createdAt: r.createdAt,
      village: deps.villages.byCode(r.details.village)?.name ?? r.details.village,
    }));
}

/** The history with officer names in place of ids (never the reporter). */
async function historyLines(deps: ViewDeps, code: string): Promise<HistoryLine[]> {
  const history = await deps.store.history(code);
  const ids = [...new Set(history.flatMap((h) => h.officers ?? []))];
  const names = new Map(
    (await Promise.all(ids.map((id) => deps.directory.get(id)))).flatMap((o) => (o ? [[o.id, o.name]] : [])),
  );
  return history.map((h) => ({
    at: h.at,
    type: h.type,
    ...(h.level ? { level: h.level } : {}),
    ...(h.officers && h.officers.length > 0
      ? { who: h.officers.map((id) => names.get(id) ?? id).join(', ') }
      : {}),
    ...(h.note ? { note: h.note } : {}),
  }));
}
