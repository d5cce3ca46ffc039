import type { AgencyChecker } from '../content/agency-matcher.js';
import type { Clock } from '../core/ports.js';
import { repeatRecruiters, type RepeatRecruiter } from './repeat-recruiters.js';
import type { ReportStore } from '../reports/report-store.js';
import { exportReports, type ExportFormat } from '../reports/report-export.js';
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

/**
 * What the desk's lists read, always within an officer's scope: the same query and overview code as
 * the admin CLI (src/reports/report-query.ts, area-overview.ts), so the numbers agree.
 */
export interface DeskData {
  overview(scope: ReportScope): Promise<AreaOverview>;
  reports(scope: ReportScope, query: ReportQuery, page: number): Promise<ReportPage>;
  /**
   * The reports of the query as a file, from the CLI's export code. A consenting reporter's address
   * only when asked for, and only where `reporterAllowed` lets this officer have it.
   */
  export(
    scope: ReportScope,
    format: ExportFormat,
    query: ReportQuery,
    withReporter: boolean,
  ): Promise<{ readonly body: string; readonly count: number }>;
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
  return {
    overview: (scope) => areaOverview(query, scope),
    reports: (scope, q, page) => queryReports(query, scope, q, { page, pageSize: TABLE_PAGE_SIZE }),
    async export(scope, format, q, withReporter) {
      const chunks: string[] = [];
      const count = await exportReports(
        { ...query, store: deps.store, villages: deps.villages },
        { write: (chunk: string) => chunks.push(chunk) },
        { format, scope, query: q, withReporter },
      );
      return { body: chunks.join(''), count };
    },
    async recruiters(scope, page) {
      const all = await repeatRecruiters({ ...query, agencies: deps.agencies }, scope);
      const pages = Math.max(1, Math.ceil(all.length / RECRUITERS_PAGE_SIZE));
      const at = Math.min(Math.max(1, page), pages);
      const groups = all.slice((at - 1) * RECRUITERS_PAGE_SIZE, at * RECRUITERS_PAGE_SIZE);
      return { groups, total: all.length, page: at, pages };
    },
  };
}
