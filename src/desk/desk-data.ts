import type { Clock } from '../core/ports.js';
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

/**
 * What the desk's lists read, always within an officer's scope: the same query and overview code as
 * the admin CLI (src/reports/report-query.ts, area-overview.ts), so the numbers agree.
 */
export interface DeskData {
  overview(scope: ReportScope): Promise<AreaOverview>;
  reports(scope: ReportScope, query: ReportQuery, page: number): Promise<ReportPage>;
  /** The query's dependencies, for the exports and the recruiter list. */
  readonly query: QueryDeps;
}

export function createDeskData(deps: {
  readonly reader: ReportReader;
  readonly villages: Pick<VillageFinder, 'byCode'>;
  readonly escalateAfterMs: number;
  readonly clock: Clock;
}): DeskData {
  const query: QueryDeps = {
    reader: deps.reader,
    villages: deps.villages,
    escalateAfterMs: deps.escalateAfterMs,
    now: () => deps.clock.now(),
  };
  return {
    query,
    overview: (scope) => areaOverview(query, scope),
    reports: (scope, q, page) => queryReports(query, scope, q, { page, pageSize: TABLE_PAGE_SIZE }),
  };
}
