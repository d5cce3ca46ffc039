import { REPORT_STATUSES, type ReportStatus } from '../core/report.js';
import { selectFacts, type QueryDeps, type ReportScope } from './report-query.js';
import { isOverdue } from './report-timing.js';
import { OPEN } from './statuses.js';

/**
 * The numbers of one area at a glance (DESIGN §6): the desk's overview page and the admin
 * `reports stats` print this one computation, so they always agree.
 */

/** Reports of one sub-area: all of them, the open ones and the overdue ones. */
export interface AreaCount {
  /** Kemendagri code of the district, sub-district or village. */
  readonly code: string;
  /** Its name from the village list, '' when unknown. */
  readonly name: string;
  readonly all: number;
  readonly open: number;
  readonly overdue: number;
}

/** One day (UTC): reports created and reports resolved on it. */
export interface DayCount {
  /** `YYYY-MM-DD` (UTC). */
  readonly day: string;
  readonly created: number;
  readonly resolved: number;
}

/** A median over `count` reports (ms); undefined when there were none. */
export interface MedianTime {
  readonly medianMs: number | undefined;
  readonly count: number;
}

export const AGE_BUCKETS = ['< 1 day', '1–7 days', '> 7 days'] as const;
export const DAILY_DAYS = 30;

export interface AreaOverview {
  /** The area counted ('' = every report). */
  readonly area: string;
  readonly total: number;
  /** Not finished (statuses.ts `OPEN`). */
  readonly open: number;
  /** Nobody took it within the escalation time (report-timing.ts). */
  readonly overdue: number;
  readonly escalateAfterMs: number;
  readonly byStatus: Readonly<Record<ReportStatus, number>>;
  /** Open reports by age, as `AGE_BUCKETS`. */
  readonly openByAge: readonly number[];
  /** From creation to the first acknowledgement, over every report ever taken. */
  readonly acknowledge: MedianTime;
  /** From creation to resolution, over every resolved report. */
  readonly resolve: MedianTime;
  readonly districts: readonly AreaCount[];
  readonly subDistricts: readonly AreaCount[];
  readonly villages: readonly AreaCount[];
  /** The last `DAILY_DAYS` days, oldest first, today (UTC) last. */
  readonly daily: readonly DayCount[];
}

const DAY_MS = 86_400_000;
/** The district (`PP.KK`) or sub-district (`PP.KK.CC`) of a village code; codes are fixed-width. */
const codeAt = (village: string, parts: 2 | 3) => {
  const code = village.slice(0, parts === 2 ? 5 : 8);
  return /^\d{2}\.\d{2}(\.\d{2})?$/.test(code) ? code : village.split('.').slice(0, parts).join('.');
};

/**
 * The overview of `area` within the officer's scope (absent: the whole scope). An area outside the
 * scope counts nothing, as if it had no reports.
 */
export async function areaOverview(
  deps: QueryDeps,
  scope: ReportScope,
  area?: string,
): Promise<AreaOverview> {
  const records = await selectFacts(deps, scope, area ? { area } : {});
  const now = deps.now();
  const nowMs = now.getTime();
  const byStatus = Object.fromEntries(REPORT_STATUSES.map((s) => [s, 0])) as Record<ReportStatus, number>;
  const openByAge = AGE_BUCKETS.map(() => 0);
  const acks: number[] = [];
  const resolves: number[] = [];
  const groups = { districts: new Map(), subDistricts: new Map(), villages: new Map() } as Record<
    'districts' | 'subDistricts' | 'villages',
    Map<string, Counting>
  >;
  const days = lastDays(now);
  let open = 0;
  let overdue = 0;
  for (const r of records) {
    byStatus[r.status] += 1;
    const isOpen = OPEN.includes(r.status);
    const late = isOverdue(r, nowMs, deps.escalateAfterMs);
    if (isOpen) {
      open += 1;
      const age = nowMs - r.createdMs;
      const bucket = age < DAY_MS ? 0 : age <= 7 * DAY_MS ? 1 : 2;
      openByAge[bucket] = (openByAge[bucket] ?? 0) + 1;
    }
    if (late) overdue += 1;
    if (r.acknowledgedMs !== undefined) acks.push(r.acknowledgedMs - r.createdMs);
    if (r.resolvedMs !== undefined) {
      resolves.push(r.resolvedMs - r.createdMs);
      days.count(r.resolvedMs, 'resolved');
    }
    days.count(r.createdMs, 'created');
    const v = r.details.village;
    tally(groups.districts, codeAt(v, 2), v, isOpen, late);
    tally(groups.subDistricts, codeAt(v, 3), v, isOpen, late);
    tally(groups.villages, v, v, isOpen, late);
  }
  const named = (m: Map<string, Counting>, name: (c: Counting) => string): AreaCount[] =>
    [...m.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, c]) => ({ code, name: name(c), all: c.all, open: c.open, overdue: c.overdue }));
  // A district's or sub-district's name comes from one of its villages in the list.
  const place = (c: Counting) => deps.villages?.byCode(c.village);
  return {
    area: area ?? (scope.role === 'admin' ? '' : scope.area),
    total: records.length,
    open,
    overdue,
    escalateAfterMs: deps.escalateAfterMs,
    byStatus,
    openByAge,
    acknowledge: { medianMs: median(acks), count: acks.length },
    resolve: { medianMs: median(resolves), count: resolves.length },
    districts: named(groups.districts, (c) => place(c)?.regency ?? ''),
    subDistricts: named(groups.subDistricts, (c) => place(c)?.district ?? ''),
    villages: named(groups.villages, (c) => place(c)?.name ?? ''),
    daily: days.list,
  };
}

interface Counting {
  /** One village of the area, for its name. */
  readonly village: string;
  all: number;
  open: number;
  overdue: number;
}

function tally(
  m: Map<string, Counting>,
  code: string,
  village: string,
  open: boolean,
  overdue: boolean,
): void {
  const c = m.get(code) ?? { village, all: 0, open: 0, overdue: 0 };
  c.all += 1;
  if (open) c.open += 1;
  if (overdue) c.overdue += 1;
  m.set(code, c);
}

/** The last `DAILY_DAYS` UTC days, oldest first, with counters of reports created and resolved on each. */
function lastDays(now: Date) {
  const first =
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (DAILY_DAYS - 1) * DAY_MS;
  const list = Array.from({ length: DAILY_DAYS }, (_, i) => ({
    day: new Date(first + i * DAY_MS).toISOString().slice(0, 10),
    created: 0,
    resolved: 0,
  }));
  return {
    list,
    count(ms: number, what: 'created' | 'resolved') {
      const day = list[Math.floor((ms - first) / DAY_MS)];
      if (day) day[what] += 1;
    },
  };
}

/** The median of a list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}
