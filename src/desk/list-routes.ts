import { LIST_FILTERS, monthOf, type ListFilter } from '../core/register.js';
import type { Clock } from '../core/ports.js';
import type { VillageFinder } from '../core/report.js';
import { entriesFor, matchesFilter } from '../reports/register-desk.js';
import type { RegisterStore } from '../reports/register-store.js';
import type { OfficerRequest } from './context.js';
import type { DeskData } from './desk-data.js';
import { filterParams, queryOf, readFilters } from './filters.js';
import { query } from './html.js';
import { sendHtml } from './http.js';
import { overviewPage } from './pages/overview.js';
import { registerPage } from './pages/register.js';
import { reportsPage } from './pages/reports.js';

/** Register entries per page on the desk. */
export const REGISTER_PAGE_SIZE = 25;

/** The overview, the reports table and the register: lists of the officer's area, each view audited. */
export function createListRoutes(deps: {
  readonly data: DeskData;
  readonly villages: VillageFinder;
  readonly register: RegisterStore;
  readonly clock: Clock;
}) {
  const { data, villages } = deps;
  return {
    async overview(r: OfficerRequest): Promise<void> {
      const o = await data.overview(r.officer);
      await r.audit('view-overview', 'ok', r.officer.area);
      sendHtml(r.res, 200, overviewPage(r.page, r.officer.role, o));
    },

    async reports(r: OfficerRequest): Promise<void> {
      const filters = readFilters(r.url.searchParams);
      const result = await data.reports(r.officer, queryOf(filters), filters.page);
      await r.audit('view-reports', 'ok', query(filterParams(filters, result.page)).slice(0, 200));
      sendHtml(r.res, 200, reportsPage(r.page, villages, filters, result));
    },

    async register(r: OfficerRequest): Promise<void> {
      const filter: ListFilter = LIST_FILTERS.find((f) => f === r.url.searchParams.get('filter')) ?? 'all';
      const now = monthOf(deps.clock.now());
      const found = (await entriesFor(deps.register, r.officer))
        .filter((e) => matchesFilter(e, filter, now))
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
      const pages = Math.max(1, Math.ceil(found.length / REGISTER_PAGE_SIZE));
      const asked = Number(r.url.searchParams.get('page') ?? '1');
      const at = Math.min(Math.max(1, Number.isInteger(asked) ? asked : 1), pages);
      await r.audit('view-register', 'ok', `${filter} ${at}`);
      sendHtml(
        r.res,
        200,
        registerPage(r.page, {
          filter,
          entries: found.slice((at - 1) * REGISTER_PAGE_SIZE, at * REGISTER_PAGE_SIZE),
          total: found.length,
          page: at,
          pages,
          villageName: (code) => villages.byCode(code)?.name ?? code,
        }),
      );
    },
  };
}
