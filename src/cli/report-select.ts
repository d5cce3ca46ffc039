import type { ReportStatus, VillageFinder } from '../core/report.js';
import { REPORT_STATUSES } from '../core/report.js';
import type { ReportRecord } from '../reports/report-record.js';
import type { ReportStore } from '../reports/report-store.js';

/** Where the admin commands write: `process.stdout`, a file stream, or a buffer in tests. */
export interface Output {
  write(chunk: string): unknown;
}

/** What the report commands read: the store and the village names. */
export interface ReportReadDeps {
  readonly store: ReportStore;
  readonly villages: Pick<VillageFinder, 'byCode'>;
}

/** Statuses of a report still waiting for an officer to finish it. */
export const OPEN_STATUSES: readonly ReportStatus[] = [
  'submitted',
  'unrouted',
  'routed',
  'notified',
  'escalated',
  'acknowledged',
];

/** Kemendagri codes: province `PP`, regency/city `PP.KK`, sub-district `PP.KK.CC`, village `PP.KK.CC.VVVV`. */
export const AREA_CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

export interface ReportFilter {
  readonly status?: ReportStatus;
  /** Reports from villages in this area (any level of `AREA_CODE`). */
  readonly area?: string;
}

const BATCH = 500;

/** The reports that match, newest first (then by code). */
export async function selectReports(store: ReportStore, filter: ReportFilter): Promise<ReportRecord[]> {
  const codes = new Set(await candidateCodes(store, filter));
  const records: ReportRecord[] = [];
  const all = [...codes];
  for (let i = 0; i < all.length; i += BATCH) {
    const got = await Promise.all(all.slice(i, i + BATCH).map((c) => store.get(c)));
    for (const r of got) if (r && matches(r, filter)) records.push(r);
  }
  return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.code.localeCompare(b.code));
}

async function candidateCodes(store: ReportStore, filter: ReportFilter): Promise<string[]> {
  if (filter.area) {
    // Reports are indexed by village, district and province; a sub-district goes through its district.
    const parts = filter.area.split('.');
    return store.codesByArea(parts.length === 3 ? parts.slice(0, 2).join('.') : filter.area);
  }
  if (filter.status) return store.codesByStatus(filter.status);
  const lists = await Promise.all(REPORT_STATUSES.map((s) => store.codesByStatus(s)));
  return lists.flat();
}

function matches(r: ReportRecord, filter: ReportFilter): boolean {
  if (filter.status && r.status !== filter.status) return false;
  const area = filter.area;
  return !area || r.details.village === area || r.details.village.startsWith(`${area}.`);
}

/** A village's name, or its code when the directory does not know it. */
export function villageName(villages: ReportReadDeps['villages'], code: string): string {
  return villages.byCode(code)?.name ?? code;
}

/** What may be printed of the reporter: the address, or why it is withheld. */
export type ReporterLine =
  | { readonly type: 'address'; readonly address: string }
  | { readonly type: 'withheld'; readonly why: string };

/**
 * The reporter's chat address only when asked for (`--with-reporter`) AND the reporter agreed to be
 * contacted directly (DESIGN §5): both the report and the reporter's own record must say so.
 */
export async function reporterLine(
  store: ReportStore,
  r: ReportRecord,
  withReporter: boolean,
): Promise<ReporterLine> {
  if (r.contact !== 'direct') {
    const how = r.contact === 'relay' ? 'questions relayed through the bot only' : 'anonymous';
    return { type: 'withheld', why: `the reporter did not agree to direct contact (consent: ${how})` };
  }
  if (!withReporter) {
    return {
      type: 'withheld',
      why: 'the reporter agreed to direct contact; add --with-reporter to print it',
    };
  }
  const who = await store.reporter(r.code);
  if (who?.contact !== 'direct') {
    return {
      type: 'withheld',
      why: who ? 'the reporter did not agree to direct contact' : 'the reporter data was removed',
    };
  }
  return { type: 'address', address: who.address };
}

/**
 * Text a villager typed, made safe to print on an admin's terminal: control characters (escape
 * sequences could rewrite the screen) become `?`.
 */
// eslint-disable-next-line no-control-regex
export const printable = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** Columns padded to the widest cell; `right` aligns numbers. */
export function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly number[] = [],
): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}
