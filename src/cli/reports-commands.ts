import type { Locale } from '../core/locale.js';
import type { Translator } from '../core/ports.js';
import { renderText } from '../core/render.js';
import { REPORT_STATUSES, type ReportStatus } from '../core/report.js';
import { detailLines } from '../core/report-summary.js';
import type { HistoryEntry } from '../reports/report-record.js';
import {
  OPEN_STATUSES,
  printable,
  reporterLine,
  selectReports,
  table,
  villageName,
  type Output,
  type ReportFilter,
  type ReportReadDeps,
} from './report-select.js';

/** `2026-11-29T08:00:00.000Z` → `2026-11-29 08:00` (UTC). */
const minute = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

const print = (out: Output, lines: readonly string[]) => {
  for (const l of lines) out.write(`${l}\n`);
};

export interface ListOptions extends ReportFilter {
  readonly limit: number;
}

/** `reports list`: newest first, one line per report, never the reporter. Returns the exit code. */
export async function listReports(deps: ReportReadDeps, out: Output, opts: ListOptions): Promise<number> {
  const all = await selectReports(deps.store, opts);
  if (all.length === 0) {
    out.write('no reports match\n');
    return 0;
  }
  const shown = all.slice(0, opts.limit);
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
    shown.length < all.length
      ? `${shown.length} of ${all.length} reports shown (--limit)\n`
      : `${all.length} report${all.length === 1 ? '' : 's'}\n`,
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

const DAY_MS = 86_400_000;
export const AGE_BUCKETS = ['< 1 day', '1–7 days', '> 7 days'] as const;

/** `reports stats`: counts by status, by age of open reports, by district and by village. */
export async function reportStats(deps: ReportReadDeps, out: Output, now: Date): Promise<number> {
  const all = await selectReports(deps.store, {});
  const open = (s: ReportStatus) => OPEN_STATUSES.includes(s);
  const byStatus = new Map<ReportStatus, number>(REPORT_STATUSES.map((s) => [s, 0]));
  const ages = [0, 0, 0];
  const districts = new Map<string, { name: string; all: number; open: number }>();
  const villages = new Map<string, { name: string; all: number; open: number }>();
  for (const r of all) {
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    const isOpen = open(r.status);
    if (isOpen) {
      const age = now.getTime() - Date.parse(r.createdAt);
      const bucket = age < DAY_MS ? 0 : age <= 7 * DAY_MS ? 1 : 2;
      ages[bucket] = (ages[bucket] ?? 0) + 1;
    }
    const place = deps.villages.byCode(r.details.village);
    const district = r.details.village.split('.').slice(0, 2).join('.');
    count(districts, district, place?.regency ?? '', isOpen);
    count(villages, r.details.village, place ? `${place.name}, ${place.district}` : '', isOpen);
  }
  const openTotal = ages.reduce((a, b) => a + b, 0);
  const areaRows = (m: Map<string, { name: string; all: number; open: number }>) =>
    [...m.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, c]) => [code, printable(c.name), String(c.all), String(c.open)]);
  const unrouted = byStatus.get('unrouted') ?? 0;
  print(out, [
    `reports: ${all.length} (open: ${openTotal}${unrouted > 0 ? `, waiting for an officer to register: ${unrouted}` : ''})`,
    '',
    ...table(
      ['status', 'reports'],
      REPORT_STATUSES.map((s) => [s, String(byStatus.get(s) ?? 0)]),
      [1],
    ),
    '',
    ...table(
      ['open reports by age', 'reports'],
      AGE_BUCKETS.map((b, i) => [b, String(ages[i] ?? 0)]),
      [1],
    ),
    '',
    ...table(['district', 'name', 'all', 'open'], areaRows(districts), [2, 3]),
    '',
    ...table(['village', 'name', 'all', 'open'], areaRows(villages), [2, 3]),
  ]);
  return 0;
}

function count(
  m: Map<string, { name: string; all: number; open: number }>,
  code: string,
  name: string,
  open: boolean,
): void {
  const c = m.get(code) ?? { name, all: 0, open: 0 };
  c.all += 1;
  if (open) c.open += 1;
  m.set(code, c);
}
