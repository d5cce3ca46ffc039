import { stringify } from 'csv-stringify/sync';
import { NONE_ANSWER } from '../core/report.js';
import { htcdsMethodOfRecruitment, htcdsRecruitmentApp } from '../reports/htcds.js';
import type { ReportRecord } from '../reports/report-record.js';
import {
  reporterLine,
  selectReports,
  type Output,
  type ReportFilter,
  type ReportReadDeps,
} from './report-select.js';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The export's columns, in this order, always (empty cells when a report has no value). How the offer
 * came is also given in the IOM HTCDS terms (`htcds_vic_…`, see src/reports/htcds.ts); money paid has
 * no HTCDS field and is in its own columns: `paid` (`yes`, `none`, or empty when not answered),
 * `paid_amount` in whole units of `paid_currency`, `paid_to` (`recruiter`, `agency`, `lpk`, `other`),
 * `paid_proof` (`true` when a receipt or proof of transfer was kept).
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

export interface ExportOptions extends ReportFilter {
  readonly format: ExportFormat;
  readonly withReporter: boolean;
}

/**
 * `reports export`: one row per report, newest first. `reporter_address` is filled only with
 * `withReporter` for reporters who agreed to direct contact, as in `reports show`.
 */
export async function exportReports(deps: ReportReadDeps, out: Output, opts: ExportOptions): Promise<number> {
  const records = await selectReports(deps.store, opts);
  const rows: ExportRow[] = [];
  for (const r of records) rows.push(await toRow(deps, r, opts.withReporter));
  if (opts.format === 'json') {
    out.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    out.write(
      stringify(
        rows.map((row) => EXPORT_COLUMNS.map((c) => spreadsheetSafe(row[c]))),
        { header: true, columns: [...EXPORT_COLUMNS], record_delimiter: 'unix' },
      ),
    );
  }
  return 0;
}

async function toRow(deps: ReportReadDeps, r: ReportRecord, withReporter: boolean): Promise<ExportRow> {
  const d = r.details;
  const place = deps.villages.byCode(d.village);
  const who = await reporterLine(deps.store, r, withReporter);
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

/**
 * Villagers' text opened in a spreadsheet must not run as a formula (CSV injection): a cell starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
 */
export const spreadsheetSafe = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
