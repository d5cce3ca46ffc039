import { REPORT_STATUSES } from '../core/report.js';
import { AGE_BUCKETS, areaOverview, type AreaCount, type MedianTime } from '../reports/area-overview.js';
import { ADMIN_SCOPE } from '../reports/report-query.js';
import { printable, queryDeps, table, type Output, type ReportReadDeps } from './report-select.js';

export { AGE_BUCKETS };

export interface StatsOptions {
  /** Only reports from villages in this area (any level of `AREA_CODE`). */
  readonly area?: string;
}

const HOUR_MS = 3_600_000;

/** A duration for people: minutes under an hour, hours under two days, then days (one decimal). */
export function duration(ms: number): string {
  if (ms < HOUR_MS) return `${Math.round(ms / 60_000)} min`;
  if (ms < 48 * HOUR_MS) return `${(ms / HOUR_MS).toFixed(1)} h`;
  return `${(ms / (24 * HOUR_MS)).toFixed(1)} days`;
}

const medianText = (m: MedianTime) =>
  `${m.medianMs === undefined ? '-' : duration(m.medianMs)} (${m.count} report${m.count === 1 ? '' : 's'})`;

/**
 * `reports stats`: the desk's overview (src/reports/area-overview.ts) as text — counts by status, open
 * reports by age, overdue, median times, by district, sub-district and village, and the last 30 days.
 */
export async function reportStats(
  deps: ReportReadDeps,
  out: Output,
  now: Date,
  opts: StatsOptions = {},
): Promise<number> {
  const o = await areaOverview(queryDeps(deps, now), ADMIN_SCOPE, opts.area);
  const unrouted = o.byStatus.unrouted;
  const areaRows = (rows: readonly AreaCount[]) =>
    rows.map((c) => [c.code, printable(c.name), String(c.all), String(c.open), String(c.overdue)]);
  const areaTable = (head: string, rows: readonly AreaCount[]) =>
    table([head, 'name', 'all', 'open', 'overdue'], areaRows(rows), [2, 3, 4]);
  const lines = [
    `${o.area ? `area ${o.area}: ` : ''}reports: ${o.total} (open: ${o.open}${unrouted > 0 ? `, waiting for an officer to register: ${unrouted}` : ''})`,
    `overdue (not taken within ${duration(o.escalateAfterMs)} at its level): ${o.overdue}`,
    `median time to acknowledge: ${medianText(o.acknowledge)}`,
    `median time to resolve: ${medianText(o.resolve)}`,
    '',
    ...table(
      ['status', 'reports'],
      REPORT_STATUSES.map((s) => [s, String(o.byStatus[s])]),
      [1],
    ),
    '',
    ...table(
      ['open reports by age', 'reports'],
      AGE_BUCKETS.map((b, i) => [b, String(o.openByAge[i] ?? 0)]),
      [1],
    ),
    '',
    ...areaTable('district', o.districts),
    '',
    ...areaTable('sub-district', o.subDistricts),
    '',
    ...areaTable('village', o.villages),
    '',
    ...table(
      ['day (UTC)', 'new', 'resolved'],
      o.daily.map((d) => [d.day, String(d.created), String(d.resolved)]),
      [1, 2],
    ),
  ];
  for (const l of lines) out.write(`${l}\n`);
  return 0;
}
