import type { Locale } from '../core/locale.js';
import type { Translator } from '../core/ports.js';
import { renderText } from '../core/render.js';
import type { ReportStatus } from '../core/report.js';
import { detailLines } from '../core/report-summary.js';
import { reporterLine } from '../reports/report-export.js';
import {
  ADMIN_SCOPE,
  MAX_PAGE_SIZE,
  queryReports,
  selectReports,
  type ReportQuery,
} from '../reports/report-query.js';
import type { HistoryEntry } from '../reports/report-record.js';
import {
  printable,
  queryDeps,
  table,
  villageName,
  type Output,
  type ReportReadDeps,
} from './report-select.js';

/** `2026-11-29T08:00:00.000Z` → `2026-11-29 08:00` (UTC). */
const minute = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

const print = (out: Output, lines: readonly string[]) => {
  for (const l of lines) out.write(`${l}\n`);
};

export interface ListOptions {
  readonly status?: ReportStatus;
  /** Reports from villages in this area (any level of `AREA_CODE`). */
  readonly area?: string;
  readonly limit: number;
}

/** The CLI's filters as a query of src/reports/report-query.ts. */
export const cliQuery = (opts: { readonly status?: ReportStatus; readonly area?: string }): ReportQuery => ({
  ...(opts.status ? { status: [opts.status] } : {}),
  ...(opts.area ? { area: opts.area } : {}),
});

/** `reports list`: newest first, one line per report, never the reporter. Returns the exit code. */
export async function listReports(deps: ReportReadDeps, out: Output, opts: ListOptions): Promise<number> {
  const q = queryDeps(deps, new Date());
  // The first page is all that is read; a limit past the desk's page size reads every match.
  const { reports: shown, total } =
    opts.limit <= MAX_PAGE_SIZE
      ? await queryReports(q, ADMIN_SCOPE, cliQuery(opts), { pageSize: opts.limit })
      : await selectReports(q, ADMIN_SCOPE, cliQuery(opts)).then((all) => ({
          reports: all.slice(0, opts.limit),
          total: all.length,
        }));
  if (total === 0) {
    out.write('no reports match\n');
    return 0;
  }
  const rows = shown.map((r) => [
    r.code,
    minute(r.createdAt),
    r.status,
    r.level,
    r.area || '-',
    printable(villageName(deps.villages, r.details.village)),
    r.owner ? printable(r.owner) : '-',
  ]);
  print(out, table(['code', 'created (UTC)', 'status', 'level', 'area', 'village', 'owner'], rows));
  out.write(
    shown.length < total
      ? `${shown.length} of ${total} reports shown (--limit)\n`
      : `${total} report${total === 1 ? '' : 's'}\n`,
  );
  return 0;
}

export interface ShowDeps extends ReportReadDeps {
  readonly translator: Translator;
  /** Language of the report fields. */
  readonly locale?: Locale;
}

/** `reports show CODE`: the record, what was reported, the reporter line and the full history. */
export async function showReport(
  deps: ShowDeps,
  out: Output,
  code: string,
  opts: { readonly withReporter: boolean },
): Promise<number> {
  const r = await deps.store.get(code);
  if (!r) {
    out.write(`no report ${printable(code)}\n`);
    return 1;
  }
  const village = deps.villages.byCode(r.details.village);
  const who = await reporterLine(deps.store, r, opts.withReporter);
  const [history, audit] = await Promise.all([deps.store.history(code), deps.store.auditLog(code)]);
  const locale = deps.locale ?? 'en';
  const lines = [
    `report ${r.code}`,
    `status:   ${r.status}${r.outcome ? ` (outcome: ${printable(r.outcome)})` : ''}`,
    `level:    ${r.level}, area ${r.area || '-'}`,
    `village:  ${r.details.village}${village ? ` ${village.name}, ${village.district}, ${village.regency}` : ''}`,
    `owner:    ${r.owner ? printable(r.owner) : '-'}`,
    `created:  ${r.createdAt}`,
    `updated:  ${r.updatedAt}`,
    `contact:  ${r.contact}; status updates: ${r.updates ? 'yes' : 'no'}`,
    who.type === 'address' ? `reporter: ${printable(who.address)}` : `reporter: withheld (${who.why})`,
    '',
    'details',
    ...detailLines(r.details, village).map((t) => `  ${printable(renderText(deps.translator, locale, t))}`),
    ...r.details.media.map((m) => `  photo: ${m.mime}, ${m.size} bytes, ${printable(m.ref)}`),
    '',
    `history (${history.length})`,
    ...history.map((h) => `  ${historyLine(h)}`),
    ...(audit.length > 0
      ? ['', `refused actions (${audit.length}, kept apart)`, ...audit.map((h) => `  ${historyLine(h)}`)]
      : []),
  ];
  print(out, lines);
  return 0;
}

/** One history entry: time, type, then level, area, officer ids and reason when present. */
export function historyLine(h: HistoryEntry): string {
  const parts = [h.at, h.type];
  if (h.level) parts.push(`level=${h.level}`);
  if (h.area !== undefined) parts.push(`area=${h.area || '-'}`);
  if (h.officers && h.officers.length > 0) parts.push(`officers=${h.officers.join(',')}`);
  if (h.reason) parts.push(`reason=${JSON.stringify(h.reason)}`);
  return printable(parts.join('  '));
}

export { AGE_BUCKETS, reportStats, type StatsOptions } from './report-stats.js';
