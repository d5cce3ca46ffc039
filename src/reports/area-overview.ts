import { REPORT_STATUSES, type ReportStatus } from '../core/report.js';
import { selectFacts, type QueryDeps, type ReportScope } from './report-query.js';
import { isOverdue, NOT_TAKEN } from './report-timing.js';
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
  /**
   * Until when (ms) these numbers hold if no report changes: the first moment a report becomes
   * overdue or moves to an older age bucket, or the next UTC day. Lets a reader that knows when reports
   * change keep the overview (src/desk/desk-data.ts).
   */
  readonly validUntilMs: number;
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
  const villages = new Map<string, Counting>();
  const days = lastDays(now);
  let open = 0;
  let overdue = 0;
  let validUntilMs = days.endMs;
  const until = (ms: number) => {
    if (ms > nowMs && ms < validUntilMs) validUntilMs = ms;
  };
  for (const r of records) {
    byStatus[r.status] += 1;
    const isOpen = OPEN.includes(r.status);
    const late = isOverdue(r, nowMs, deps.escalateAfterMs);
    if (isOpen) {
      open += 1;
      const age = nowMs - r.createdMs;
      const bucket = age < DAY_MS ? 0 : age <= 7 * DAY_MS ? 1 : 2;
      openByAge[bucket] = (openByAge[bucket] ?? 0) + 1;
      // The bucket changes when the age reaches a day, and when it passes seven.
      until(bucket === 0 ? r.createdMs + DAY_MS : r.createdMs + 7 * DAY_MS + 1);
    }
    if (late) overdue += 1;
    else if (NOT_TAKEN.includes(r.status)) until(r.reachedLevelMs + deps.escalateAfterMs + 1);
    if (r.acknowledgedMs !== undefined) acks.push(r.acknowledgedMs - r.createdMs);
    if (r.resolvedMs !== undefined) {
      resolves.push(r.resolvedMs - r.createdMs);
      days.count(r.resolvedMs, 'resolved');
    }
    days.count(r.createdMs, 'created');
    const v = r.details.village;
    const c = villages.get(v) ?? { village: v, all: 0, open: 0, overdue: 0 };
    c.all += 1;
    if (isOpen) c.open += 1;
    if (late) c.overdue += 1;
    villages.set(v, c);
  }
  // Villages add up to their sub-districts and districts.
  const districts = new Map<string, Counting>();
  const subDistricts = new Map<string, Counting>();
  for (const [v, c] of villages) {
    addTo(districts, codeAt(v, 2), c);
    addTo(subDistricts, codeAt(v, 3), c);
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
    districts: named(districts, (c) => place(c)?.regency ?? ''),
    subDistricts: named(subDistricts, (c) => place(c)?.district ?? ''),
    villages: named(villages, (c) => place(c)?.name ?? ''),
    daily: days.list,
    validUntilMs,
  };
}

interface Counting {
  /** One village of the area, for its name. */
  readonly village: string;
  all: number;
  open: number;
  overdue: number;
}

/** Adds a village's counts to an area's (the area named after its first village). */
function addTo(m: Map<string, Counting>, code: string, c: Counting): void {
  const to = m.get(code) ?? { village: c.village, all: 0, open: 0, overdue: 0 };
  to.all += c.all;
  to.open += c.open;
  to.overdue += c.overdue;
  m.set(code, to);
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
    /** The start of the next UTC day. */
    endMs: first + DAILY_DAYS * DAY_MS,
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
