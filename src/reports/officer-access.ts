import type { RefusalReason } from '../core/officer.js';
import type { Clock } from '../core/ports.js';
import type { WarningAccess, WarningOfficer } from '../core/warnings.js';
import type { Officer, OfficerDirectory } from '../officers/officer.js';
import type { HistoryEntry, ReportRecord } from './report-record.js';
import type { ReportStore } from './report-store.js';

/**
 * May this officer see and act on this report? Their area must contain the report's village; village
 * officers never see reports the reporter sent past the village (the recruiter may be one of them).
 */
export function covers(
  officer: Pick<Officer, 'role' | 'area'>,
  report: { readonly details: Pick<ReportRecord['details'], 'village' | 'bypassVillage'> },
): boolean {
  if (officer.role === 'village' && report.details.bypassVillage) return false;
  return coversArea(officer, report.details.village);
}

/**
 * Does the officer's area contain this area (a village `PP.KK.CC.VVVV`, a district `PP.KK` or a
 * province `PP`)? Admins cover every area; an officer covers their own area and what lies inside it.
 */
export function coversArea(officer: Pick<Officer, 'role' | 'area'>, area: string): boolean {
  if (officer.role === 'admin') return true;
  return officer.area !== '' && (area === officer.area || area.startsWith(`${officer.area}.`));
}

const warningOfficer = (o: Officer): WarningOfficer => ({
  id: o.id,
  role: o.role,
  area: o.area,
  name: o.name,
  address: o.address,
  locale: o.locale,
});

/** The officer records and the area rule of the report actions, as the warning desk reads them. */
export function createWarningAccess(directory: OfficerDirectory): WarningAccess {
  return {
    async officer(address) {
      const o = await directory.byAddress(address);
      return o?.active ? warningOfficer(o) : undefined;
    },
    async officersOf(role, area) {
      return (await directory.forArea(role, area)).filter((o) => o.active).map(warningOfficer);
    },
    covers: coversArea,
  };
}

/** What every officer action reads first: who is asking, and may they touch this report. */
export interface DeskAccess {
  /** Now, as stored in history entries. */
  at(): string;
  /** A history entry stamped now. */
  entry(type: string, more?: Omit<HistoryEntry, 'at' | 'type'>): HistoryEntry;
  /** Records a refusal in the report's audit log (never in its history). */
  refuse(code: string, reason: string, officer?: Officer): Promise<void>;
  /** The officer and the report, if the officer may act on it; refusals are audited. */
  authorise(
    address: string,
    code: string,
    what: string,
  ): Promise<{ officer: Officer; report: ReportRecord } | { refused: RefusalReason }>;
  /** The name of the officer with this id, or "-". */
  ownerName(id: string | undefined): Promise<string>;
}

/** Authorisation of officer actions against the officer record of the sending address and the report's area. */
export function createDeskAccess(deps: {
  readonly directory: OfficerDirectory;
  readonly store: ReportStore;
  readonly clock: Clock;
}): DeskAccess {
  const { directory, store } = deps;
  const at = () => deps.clock.now().toISOString();
  const entry = (type: string, more: Omit<HistoryEntry, 'at' | 'type'> = {}): HistoryEntry => ({
    at: at(),
    type,
    ...more,
  });

  /**
   * A refused action goes to the report's audit log, never into its history: refusals (another area,
   * a revoked officer, forged button data, not the owner) cannot push real events out of sight.
   */
  const refuse = (code: string, reason: string, officer?: Officer): Promise<void> =>
    store.audit(code, entry('refused', { ...(officer ? { officers: [officer.id] } : {}), reason }));

  return {
    at,
    entry,
    refuse,
    async authorise(address, code, what) {
      const [officer, report] = await Promise.all([directory.byAddress(address), store.get(code)]);
      if (!report) return { refused: officer ? 'not-found' : 'not-officer' };
      if (!officer?.active) {
        await refuse(code, `${what}: not an officer`);
        return { refused: 'not-officer' };
      }
      if (!covers(officer, report)) {
        await refuse(code, `${what}: outside the officer's area`, officer);
        // Another area's report reads like one that does not exist.
        return { refused: 'not-found' };
      }
      return { officer, report };
    },
    ownerName: async (id) => (id ? await directory.get(id) : undefined)?.name ?? '-',
  };
}
