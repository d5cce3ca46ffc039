import type { VillageFinder } from '../core/report.js';
import { storeReader, type ReportReader } from '../reports/report-reader.js';
import type { QueryDeps } from '../reports/report-query.js';
import type { ReportStore } from '../reports/report-store.js';

export { AREA_CODE } from '../reports/report-query.js';

/** Where the admin commands write: `process.stdout`, a file stream, or a buffer in tests. */
export interface Output {
  write(chunk: string): unknown;
}

/** REPORT_ESCALATE_AFTER_MINUTES' default (8 hours), for callers that pass no configuration. */
export const DEFAULT_ESCALATE_AFTER_MS = 480 * 60_000;

/** What the report commands read: the store and the village names (and how, and what "overdue" is). */
export interface ReportReadDeps {
  readonly store: ReportStore;
  readonly villages: Pick<VillageFinder, 'byCode'>;
  /** Pipelined reads of many reports (Redis); one read per report over `store` when absent. */
  readonly reader?: ReportReader;
  /** REPORT_ESCALATE_AFTER_MINUTES in ms; `DEFAULT_ESCALATE_AFTER_MS` when absent. */
  readonly escalateAfterMs?: number;
}

/** The query dependencies of the shared report modules (src/reports/report-query.ts) at `now`. */
export const queryDeps = (deps: ReportReadDeps, now: Date): QueryDeps & ReportReadDeps => ({
  ...deps,
  reader: deps.reader ?? storeReader(deps.store),
  escalateAfterMs: deps.escalateAfterMs ?? DEFAULT_ESCALATE_AFTER_MS,
  now: () => now,
});

/** A village's name, or its code when the directory does not know it. */
export function villageName(villages: ReportReadDeps['villages'], code: string): string {
  return villages.byCode(code)?.name ?? code;
}

/**
 * Text a villager typed, made safe to print on an admin's terminal: control characters (escape
 * sequences could rewrite the screen) become `?`.
 */
// eslint-disable-next-line no-control-regex
export const printable = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** Columns padded to the widest cell; `right` aligns numbers. */
export function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  right: readonly number[] = [],
): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)];
}
