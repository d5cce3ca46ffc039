import { LIST_FILTERS, monthOf, type ListFilter } from '../core/register.js';
import type { Clock } from '../core/ports.js';
import type { VillageFinder } from '../core/report.js';
import { entriesFor, matchesFilter } from '../reports/register-desk.js';
import type { RegisterStore } from '../reports/register-store.js';
import type { OfficerRequest } from './context.js';
import type { DeskData } from './desk-data.js';
import { filterParams, queryOf, readFilters } from './filters.js';
import { query } from './html.js';
import { sendHtml, startFile } from './http.js';
import { EXPORT_FORMATS, EXPORT_MEDIA } from '../reports/report-export.js';
import { notFoundPage } from './pages/errors.js';
import { overviewPage } from './pages/overview.js';
import { recruitersPage } from './pages/recruiters.js';
import { registerPage } from './pages/register.js';
import { reportsPage } from './pages/reports.js';

/** The page asked for (`?page=3`), 1 when absent or malformed. */
const pageOf = (params: URLSearchParams): number => {
  const n = Number(params.get('page') ?? '1');
  return Number.isInteger(n) && n >= 1 && n < 1_000_000 ? n : 1;
};

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

    /**
     * `/desk/export/csv|json|htcds` with the table's filters: the CLI's export code over the officer's
     * scope. `reporter=1` asks for consenting reporters' addresses (only where the role allows).
     */
    async exportFile(r: OfficerRequest, format: string): Promise<void> {
      const known = EXPORT_FORMATS.find((f) => f === format);
      if (!known) return sendHtml(r.res, 404, notFoundPage(r.page));
      const filters = readFilters(r.url.searchParams);
      const withReporter = r.url.searchParams.get('reporter') === '1' && known !== 'htcds';
      const day = deps.clock.now().toISOString().slice(0, 10);
      const area = filters.area ?? (r.officer.area || 'all');
      const media = EXPORT_MEDIA[known];
      const file = startFile(r.res, media.type, `reports-${area}-${day}.${media.extension}`);
      const count = await data.export(r.officer, known, queryOf(filters), withReporter, file);
      const target = `${query(filterParams(filters))}${withReporter ? ' +reporter' : ''}`;
      // Audited before the file ends: a download the audit log does not hold never completes.
      await r.audit(`export-${known}`, `ok ${String(count)}`, target.slice(0, 200));
      file.end();
    },

    async recruiters(r: OfficerRequest): Promise<void> {
      const found = await data.recruiters(r.officer, pageOf(r.url.searchParams));
      await r.audit('view-recruiters', 'ok', String(found.page));
      sendHtml(
        r.res,
        200,
        recruitersPage(r.page, { ...found, villageName: (code) => villages.byCode(code)?.name ?? code }),
      );
    },

    async register(r: OfficerRequest): Promise<void> {
      const filter: ListFilter = LIST_FILTERS.find((f) => f === r.url.searchParams.get('filter')) ?? 'all';
      const now = monthOf(deps.clock.now());
      const found = (await entriesFor(deps.register, r.officer))
        .filter((e) => matchesFilter(e, filter, now))
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
      const pages = Math.max(1, Math.ceil(found.length / REGISTER_PAGE_SIZE));
      const at = Math.min(pageOf(r.url.searchParams), pages);
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
