import { NONE_ANSWER, type VillageFinder } from '../core/report.js';
import {
  HTCDS_COLUMNS,
  HTCDS_EVENT_TYPE,
  HTCDS_PERPETRATOR_ROLE,
  htcdsCaseStatus,
  htcdsMethodOfRecruitment,
  htcdsRecruitmentApp,
  type HtcdsColumn,
} from './htcds.js';
import type { HistoryEntry, ReportRecord } from './report-record.js';
import {
  recordsOf,
  selectCodes,
  type QueryDeps,
  type ReportQuery,
  type ReportScope,
} from './report-query.js';
import type { ReportStore } from './report-store.js';

/**
 * Report exports, one code for the admin CLI (`reports export`) and the desk (DESIGN §6): CSV and JSON
 * with our columns, and CSV with the IOM Human Trafficking Case Data Standard 2.0 column names.
 */

export const EXPORT_FORMATS = ['csv', 'json', 'htcds'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What to send an export as: the media type and a file extension. */
export const EXPORT_MEDIA: Readonly<
  Record<ExportFormat, { readonly type: string; readonly extension: string }>
> = {
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  json: { type: 'application/json; charset=utf-8', extension: 'json' },
  htcds: { type: 'text/csv; charset=utf-8', extension: 'htcds.csv' },
};

/**
 * The `csv` and `json` columns, in this order, always (empty cells when a report has no value). How the
 * offer came is also given in the HTCDS terms (`htcds_vic_…`, see htcds.ts); money paid has no HTCDS
 * field and is in its own columns: `paid` (`yes`, `none`, or empty when not answered), `paid_amount`
 * in whole units of `paid_currency`, `paid_to` (`recruiter`, `agency`, `lpk`, `other`), `paid_proof`
 * (`true` when a receipt or proof of transfer was kept).
 */
export const EXPORT_COLUMNS = [
  'code',
  'created_at',
  'updated_at',
  'status',
  'level',
  'area',
  'village_code',
  'village_name',
  'district_name',
  'owner',
  'outcome',
  'recruiter_name',
  'recruiter_phones',
  'recruiter_company',
  'country',
  'job',
  'salary',
  'fees',
  'documents',
  'recruitment_method',
  'recruitment_app',
  'recruitment_detail',
  'htcds_vic_MethodOfRecruitment',
  'htcds_vic_RecruitmentWebsitesAndApps',
  'paid',
  'paid_amount',
  'paid_currency',
  'paid_to',
  'paid_to_name',
  'paid_proof',
  'place',
  'notes',
  'photos',
  'bypass_village',
  'contact_consent',
  'status_updates',
  'reporter_address',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportRow = Record<ExportColumn, string>;
export type HtcdsRow = Record<HtcdsColumn, string>;

export interface ExportDeps extends QueryDeps {
  readonly store: Pick<ReportStore, 'reporter'>;
  readonly villages: Pick<VillageFinder, 'byCode'>;
}

export interface ExportRequest {
  readonly format: ExportFormat;
  /** Who exports: an officer's area and role, or `ADMIN_SCOPE` for the CLI. */
  readonly scope: ReportScope;
  readonly query: ReportQuery;
  /**
   * Asked for reporters' chat addresses (`--with-reporter`, the desk's choice). Even then an address is
   * written only where `reporterLine` allows it, and never in the HTCDS format.
   */
  readonly withReporter: boolean;
}

/**
 * Where an export is written: stdout, a file stream, an HTTP response, a buffer. A write may return a
 * promise (the receiver is full: wait for it to drain); the export waits for it before the next part.
 */
export interface ExportSink {
  write(chunk: string): unknown;
}

/** Reports read and written per part: an export of any size holds about this many in memory. */
export const EXPORT_PART = 200;

/**
 * Writes every report matching the request, newest first, in parts of `EXPORT_PART` (read, then
 * written as soon as read); returns how many. The text is the same as one write of all of them.
 */
export async function exportReports(deps: ExportDeps, out: ExportSink, req: ExportRequest): Promise<number> {
  const codes = await selectCodes(deps, req.scope, req.query);
  if (req.format !== 'json') await out.write(csvLine(columnsOf(req.format)));
  const read = (from: number) => readPart(deps, codes.slice(from, from + EXPORT_PART), req.format);
  let count = 0;
  // The next part is read from Redis while this one is made into rows and written.
  let next = codes.length > 0 ? read(0) : undefined;
  for (let i = 0; next; i += EXPORT_PART) {
    const part = await next;
    next = i + EXPORT_PART < codes.length ? read(i + EXPORT_PART) : undefined;
    const rows = await exportRows(deps, part, req);
    if (rows.length > 0) await out.write(partText(req.format, rows, count));
    count += rows.length;
  }
  if (req.format === 'json') await out.write(count === 0 ? '[]\n' : '\n]\n');
  return count;
}

/** One part's records, with their histories for HTCDS (the case comments). */
async function readPart(
  deps: ExportDeps,
  codes: readonly string[],
  format: ExportFormat,
): Promise<{ readonly records: readonly ReportRecord[]; readonly histories: readonly HistoryEntry[][] }> {
  const [records, histories] = await Promise.all([
    recordsOf(deps.reader, codes),
    format === 'htcds' ? deps.reader.histories(codes) : [],
  ]);
  // A report gone since it was selected has no record: its history (empty) is dropped with it.
  const byCode = new Map(codes.map((c, i) => [c, histories[i] ?? []]));
  return { records, histories: records.map((r) => byCode.get(r.code) ?? []) };
}

const columnsOf = (format: ExportFormat): readonly string[] =>
  format === 'htcds' ? HTCDS_COLUMNS : EXPORT_COLUMNS;

/**
 * One part's text: CSV lines with every cell made spreadsheet-safe, or the elements of a JSON array
 * as `JSON.stringify(all, null, 2)` writes them (`before`: rows written in earlier parts).
 */
function partText(format: ExportFormat, rows: readonly (ExportRow | HtcdsRow)[], before: number): string {
  if (format === 'json') {
    const element = (row: ExportRow | HtcdsRow) => JSON.stringify(row, null, 2).replace(/\n/g, '\n  ');
    return rows.map((row, j) => `${before + j === 0 ? '[' : ','}\n  ${element(row)}`).join('');
  }
  const columns = columnsOf(format);
  const cells = (row: Readonly<Record<string, string>>) => columns.map((c) => spreadsheetSafe(row[c] ?? ''));
  return rows.map((row) => csvLine(cells(row))).join('');
}

/** The rows of one part, in the request's format. */
async function exportRows(
  deps: ExportDeps,
  part: Awaited<ReturnType<typeof readPart>>,
  req: ExportRequest,
): Promise<(ExportRow | HtcdsRow)[]> {
  if (req.format === 'htcds') return part.records.map((r, i) => htcdsRow(deps, r, part.histories[i] ?? []));
  const rows: ExportRow[] = [];
  for (const r of part.records) rows.push(await exportRow(deps, r, req));
  return rows;
}

/** One CSV line (RFC 4180, `\n` at the end). */
const csvLine = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\n`;

/** A cell quoted when it holds a comma, a quote or a line break (quotes doubled). */
export const csvCell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** One report in the `csv`/`json` columns. */
export async function exportRow(deps: ExportDeps, r: ReportRecord, req: ExportRequest): Promise<ExportRow> {
  const d = r.details;
  const place = deps.villages.byCode(d.village);
  const who = await reporterLine(deps.store, r, req.withReporter && reporterAllowed(req.scope, r));
  const answer = (v: string) => (v === NONE_ANSWER ? 'none' : v);
  const { recruitment: how, payment: paid } = d;
  return {
    code: r.code,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    status: r.status,
    level: r.level,
    area: r.area,
    village_code: d.village,
    village_name: place?.name ?? '',
    district_name: place?.regency ?? '',
    owner: r.owner ?? '',
    outcome: r.outcome ?? '',
    recruiter_name: d.recruiter.name,
    recruiter_phones: d.recruiter.phones.join('|'),
    recruiter_company: d.recruiter.company,
    country: d.offer.country,
    job: d.offer.job,
    salary: d.offer.salary,
    fees: answer(d.offer.fees),
    documents: answer(d.offer.documents),
    recruitment_method: how?.method ?? '',
    recruitment_app: how?.app ?? '',
    recruitment_detail: how?.detail ?? '',
    htcds_vic_MethodOfRecruitment: htcdsMethodOfRecruitment(how),
    htcds_vic_RecruitmentWebsitesAndApps: htcdsRecruitmentApp(how),
    paid: paid ? (paid.paid ? 'yes' : 'none') : '',
    paid_amount: paid?.amount !== undefined ? String(paid.amount) : '',
    paid_currency: paid?.amount !== undefined ? (paid.currency ?? 'IDR') : '',
    paid_to: paid?.to ?? '',
    paid_to_name: paid?.toName ?? '',
    paid_proof: paid?.proof !== undefined ? String(paid.proof) : '',
    place: d.place,
    notes: d.notes.join('\n'),
    photos: String(d.media.length),
    bypass_village: String(d.bypassVillage),
    contact_consent: r.contact,
    status_updates: String(r.updates),
    reporter_address: who.type === 'address' ? who.address : '',
  };
}

/** One report in the HTCDS columns; officers' notes are the case comments. */
export function htcdsRow(
  deps: Pick<ExportDeps, 'villages'>,
  r: ReportRecord,
  history: readonly HistoryEntry[],
): HtcdsRow {
  const d = r.details;
  const place = deps.villages.byCode(d.village);
  const answer = (v: string) => (v === NONE_ANSWER ? 'none' : v);
  const described = [
    ['Offer', [d.offer.country, d.offer.job, d.offer.salary].filter((v) => v !== '').join(', ')],
    ['Money asked', answer(d.offer.fees)],
    ['Documents kept or asked', answer(d.offer.documents)],
    ['Money paid', d.payment ? paidText(d.payment) : ''],
    ['Place and time', d.place],
    ['Village', place ? `${place.name}, ${place.district} (${d.village})` : d.village],
    ['Notes', d.notes.join(' / ')],
  ];
  const recruiter = [
    ['Name', d.recruiter.name],
    ['Company', d.recruiter.company],
    ['Phones', d.recruiter.phones.join(', ')],
  ];
  return {
    demimas_ReportCode: r.code,
    cas_Status: htcdsCaseStatus(r.status),
    cas_ReasonForCaseClosure: r.status === 'resolved' ? (r.outcome ?? '') : '',
    cas_CaseOwner: r.owner ?? '',
    hte_Type: HTCDS_EVENT_TYPE,
    hte_Country: 'Indonesia',
    hte_State: place?.province ?? '',
    hte_City: place?.regency ?? '',
    hte_Description: labelled(described),
    vic_MethodOfRecruitment: htcdsMethodOfRecruitment(d.recruitment),
    vic_RecruitmentWebsitesAndApps: htcdsRecruitmentApp(d.recruitment),
    per_RoleInProcess: HTCDS_PERPETRATOR_ROLE,
    per_RoleDetails: labelled(recruiter),
    cco_CaseComment: history
      .filter((h) => h.note && (h.type === 'note' || h.type === 'resolved'))
      .map((h) => `${h.at.slice(0, 10)}: ${h.note ?? ''}`)
      .join('\n'),
  };
}

const labelled = (pairs: readonly string[][]): string =>
  pairs
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k ?? ''}: ${v ?? ''}`)
    .join('; ');

function paidText(p: NonNullable<ReportRecord['details']['payment']>): string {
  if (!p.paid) return 'none';
  const amount = p.amount !== undefined ? `${p.amount} ${p.currency ?? 'IDR'}` : 'amount not known';
  return [amount, p.to ? `to ${p.to}${p.toName ? ` (${p.toName})` : ''}` : '']
    .filter((v) => v !== '')
    .join(' ');
}

/**
 * May this viewer receive a consenting reporter's address? The reporter agreed to be contacted by the
 * officer handling the report: officers of the level the report sits at now, and admins. Officers
 * above who only oversee it (a province looking at a village's report) get none.
 */
export const reporterAllowed = (scope: ReportScope, r: ReportRecord): boolean =>
  scope.role === 'admin' || r.level === scope.role;

/** What may be printed of the reporter: the address, or why it is withheld. */
export type ReporterLine =
  | { readonly type: 'address'; readonly address: string }
  | { readonly type: 'withheld'; readonly why: string };

/**
 * The reporter's chat address only when asked for AND the reporter agreed to be contacted directly
 * (DESIGN §5): both the report and the reporter's own record must say so. `hint` says how to ask.
 */
export async function reporterLine(
  store: Pick<ReportStore, 'reporter'>,
  r: ReportRecord,
  withReporter: boolean,
  hint = 'add --with-reporter to print it',
): Promise<ReporterLine> {
  if (r.contact !== 'direct') {
    const how = r.contact === 'relay' ? 'questions relayed through the bot only' : 'anonymous';
    return { type: 'withheld', why: `the reporter did not agree to direct contact (consent: ${how})` };
  }
  if (!withReporter) return { type: 'withheld', why: `the reporter agreed to direct contact; ${hint}` };
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
 * Villagers' text opened in a spreadsheet must not run as a formula (CSV injection): a cell starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
 */
export const spreadsheetSafe = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
