import type { AgencyChecker } from '../content/agency-matcher.js';
import type { Clock } from '../core/ports.js';
import { repeatRecruiters, type RepeatRecruiter } from './repeat-recruiters.js';
import type { ReportStore } from '../reports/report-store.js';
import { exportReports, type ExportFormat, type ExportSink } from '../reports/report-export.js';
import type { VillageFinder } from '../core/report.js';
import { areaOverview, type AreaOverview } from '../reports/area-overview.js';
import {
  queryReports,
  type QueryDeps,
  type ReportPage,
  type ReportQuery,
  type ReportScope,
} from '../reports/report-query.js';
import type { ReportReader } from '../reports/report-reader.js';

/** Rows of the reports table per page: a phone screen scrolls through them quickly. */
export const TABLE_PAGE_SIZE = 25;
/** Recruiters per page of the repeat-recruiter list. */
export const RECRUITERS_PAGE_SIZE = 20;
/** Overviews and recruiter lists kept at most (one per officer's area); past it they start again. */
const KEPT_PER_SCOPE = 1000;

/**
 * What the desk's lists read, always within an officer's scope: the same query and overview code as
 * the admin CLI (src/reports/report-query.ts, area-overview.ts), so the numbers agree.
 */
export interface DeskData {
  overview(scope: ReportScope): Promise<AreaOverview>;
  reports(scope: ReportScope, query: ReportQuery, page: number): Promise<ReportPage>;
  /**
   * The reports of the query written to `out` as they are read, from the CLI's export code; returns
   * how many. A consenting reporter's address only when asked for, and only where `reporterAllowed`
   * lets this officer have it.
   */
  export(
    scope: ReportScope,
    format: ExportFormat,
    query: ReportQuery,
    withReporter: boolean,
    out: ExportSink,
  ): Promise<number>;
  /** One page (1-based) of the recruiters reported more than once in the scope, largest groups first. */
  recruiters(
    scope: ReportScope,
    page: number,
  ): Promise<{ groups: RepeatRecruiter[]; total: number; page: number; pages: number }>;
}

export function createDeskData(deps: {
  readonly reader: ReportReader;
  readonly store: Pick<ReportStore, 'reporter'>;
  readonly villages: Pick<VillageFinder, 'byCode'>;
  readonly escalateAfterMs: number;
  /** The agency list of the content (licences, revoked ones, look-alike names). */
  readonly agencies: AgencyChecker;
  readonly clock: Clock;
}): DeskData {
  const query: QueryDeps = {
    reader: deps.reader,
    villages: deps.villages,
    escalateAfterMs: deps.escalateAfterMs,
    now: () => deps.clock.now(),
  };
  // The overview holds until a report becomes overdue or older (validUntilMs); the recruiter list
  // until the day ends (a licence may expire).
  const overviews = keptPerScope(
    query,
    (scope, now) => areaOverview({ ...query, now: () => now }, scope),
    (o) => o.validUntilMs,
  );
  const recruiters = keptPerScope(
    query,
    (scope, now) => repeatRecruiters({ ...query, now: () => now, agencies: deps.agencies }, scope),
    (_groups, now) => nextDay(now),
  );
  return {
    overview: (scope) => overviews(scope),
    reports: (scope, q, page) => queryReports(query, scope, q, { page, pageSize: TABLE_PAGE_SIZE }),
    export: (scope, format, q, withReporter, out) =>
      exportReports({ ...query, store: deps.store, villages: deps.villages }, out, {
        format,
        scope,
        query: q,
        withReporter,
      }),
    async recruiters(scope, page) {
      const all = await recruiters(scope);
      const pages = Math.max(1, Math.ceil(all.length / RECRUITERS_PAGE_SIZE));
      const at = Math.min(Math.max(1, page), pages);
      const groups = all.slice((at - 1) * RECRUITERS_PAGE_SIZE, at * RECRUITERS_PAGE_SIZE);
      return { groups, total: all.length, page: at, pages };
    },
  };
}

/**
 * What `compute` gives for a scope, kept while it holds: no report changed since (the reader's
 * revision is the same) and the moment `until` names has not come. The same as computing it again;
 * without a revision from the reader, computed each time.
 */
function keptPerScope<T>(
  query: QueryDeps,
  compute: (scope: ReportScope, now: Date) => Promise<T>,
  until: (value: T, now: Date) => number,
): (scope: ReportScope) => Promise<T> {
  const kept = new Map<
    string,
    { readonly revision: number; readonly atMs: number; readonly untilMs: number; readonly value: T }
  >();
  return async (scope) => {
    const revision = await query.reader.revision?.();
    const now = query.now();
    const nowMs = now.getTime();
    const key = `${scope.role} ${scope.area}`;
    const hit = kept.get(key);
    if (hit && hit.revision === revision && hit.atMs <= nowMs && nowMs < hit.untilMs) return hit.value;
    const value = await compute(scope, now);
    if (revision === undefined) return value;
    if (kept.size >= KEPT_PER_SCOPE) kept.clear();
    kept.set(key, { revision, atMs: nowMs, untilMs: until(value, now), value });
    return value;
  };
}

/** The start of the next UTC day after `now`. */
const nextDay = (now: Date): number =>
  Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
