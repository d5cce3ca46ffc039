import type { ReportStatus } from '../core/report.js';
import { ADMIN_SCOPE } from '../reports/report-query.js';
import { exportReports as writeExport, type ExportFormat } from '../reports/report-export.js';
import { queryDeps, type Output, type ReportReadDeps } from './report-select.js';

export {
  EXPORT_COLUMNS,
  EXPORT_FORMATS,
  spreadsheetSafe,
  type ExportFormat,
} from '../reports/report-export.js';

export interface ExportOptions {
  readonly format: ExportFormat;
  readonly status?: ReportStatus;
  /** Reports from villages in this area (any level of `AREA_CODE`). */
  readonly area?: string;
  readonly withReporter: boolean;
}

/**
 * `reports export`: the desk's export code (src/reports/report-export.ts) for an admin, one row per
 * report, newest first. `reporter_address` is filled only with `withReporter` for reporters who agreed
 * to direct contact, as in `reports show`; the HTCDS format never has it.
 */
export async function exportReports(deps: ReportReadDeps, out: Output, opts: ExportOptions): Promise<number> {
  await writeExport(queryDeps(deps, new Date()), out, {
    format: opts.format,
    scope: ADMIN_SCOPE,
    query: { ...(opts.status ? { status: [opts.status] } : {}), ...(opts.area ? { area: opts.area } : {}) },
    withReporter: opts.withReporter,
  });
  return 0;
}
