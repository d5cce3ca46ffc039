import { REPORT_STATUSES, type ReportStatus } from '../core/report.js';
import type { HistoryEntry, ReportRecord } from './report-record.js';
import type { ReportStore } from './report-store.js';
import { factsOf, needsHistory, type ReportFacts } from './report-timing.js';

/** A report's code and its creation time (ms), as the indexes keep them. */
export interface IndexedCode {
  readonly code: string;
  readonly createdMs: number;
}

/**
 * What the desk, the exports and the admin commands read of many reports at once: the indexes with
 * creation times (so filters on area, status and age and the page order need no report read), and
 * records and histories in batches. Redis reads each batch in one pipeline (redis-report-reader.ts);
 * `storeReader` serves any `ReportStore` (the memory one of the console demo).
 */
export interface ReportReader {
  /**
   * Reports from an area: a village (`PP.KK.CC.VVVV`), district (`PP.KK`) or province (`PP`) code
   * as indexed, or '' for every report. Oldest first.
   */
  area(area: string): Promise<IndexedCode[]>;
  /** Reports with this status, oldest first. */
  status(status: ReportStatus): Promise<IndexedCode[]>;
  /** The records of these codes, in order (undefined where a code has none). */
  records(codes: readonly string[]): Promise<(ReportRecord | undefined)[]>;
  /** The histories of these codes, in order, each oldest first. */
  histories(codes: readonly string[]): Promise<HistoryEntry[][]>;
  /**
   * The facts (report-timing.ts) of these codes, in order (undefined where a code has no report):
   * what the overview and the filters count, as fresh as `records` and `histories` would give.
   */
  facts(codes: readonly string[]): Promise<(ReportFacts | undefined)[]>;
  /**
   * A number that grows whenever any report changes (redis-kept-reader.ts), read fresh: what was
   * computed from the reports at one revision holds while it stays the same. Absent when the reader
   * cannot tell.
   */
  revision?(): Promise<number>;
}

/** The facts of these codes read from their records and histories (histories only where needed). */
export async function readFacts(
  reader: Pick<ReportReader, 'records' | 'histories'>,
  codes: readonly string[],
): Promise<(ReportFacts | undefined)[]> {
  const records = await reader.records(codes);
  const read = records.filter((r): r is ReportRecord => r !== undefined && needsHistory(r));
  const histories = await reader.histories(read.map((r) => r.code));
  const byCode = new Map(read.map((r, i) => [r.code, histories[i] ?? []]));
  return records.map((r) => (r ? factsOf(r, byCode.get(r.code) ?? []) : undefined));
}

/** Oldest first, then by code: the order of a sorted set scored by creation time. */
export const byCreation = (a: IndexedCode, b: IndexedCode): number =>
  a.createdMs - b.createdMs || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** A reader over any report store: one read per report (fine for the demo's memory store). */
export function storeReader(store: ReportStore): ReportReader {
  const indexed = async (codes: readonly string[]): Promise<IndexedCode[]> => {
    const records = await Promise.all(codes.map((c) => store.get(c)));
    return records
      .flatMap((r) => (r ? [{ code: r.code, createdMs: Date.parse(r.createdAt) }] : []))
      .sort(byCreation);
  };
  const reader: ReportReader = {
    async area(area) {
      if (area !== '') return indexed(await store.codesByArea(area));
      const lists = await Promise.all(REPORT_STATUSES.map((s) => store.codesByStatus(s)));
      return indexed(lists.flat());
    },
    status: async (status) => indexed(await store.codesByStatus(status)),
    records: (codes) => Promise.all(codes.map((c) => store.get(c))),
    histories: (codes) => Promise.all(codes.map((c) => store.history(c))),
    facts: (codes) => readFacts(reader, codes),
  };
  return reader;
}
