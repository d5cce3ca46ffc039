import type { Month, NewEntry } from '../core/register.js';

/** A register entry as stored. Who told the village is kept only as a hash of their chat address. */
export interface RegisterRecord extends NewEntry {
  readonly id: string;
  /** `registerRecorderId` of the chat that told the village. */
  readonly recorder: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The month the retention period counts from (`anchorMonth`). */
  readonly anchor: Month;
}

/**
 * Departure/return entries and their indexes. Redis in service mode; memory in the console demo and
 * flow tests. Both pass test/reports/register-store.test.ts.
 */
export interface RegisterStore {
  /** Creates or replaces an entry with its indexes (the village of an id never changes). */
  save(record: RegisterRecord): Promise<void>;
  get(id: string): Promise<RegisterRecord | undefined>;
  /** Ids of the entries of a village, district or province code ('' = every entry), oldest first. */
  idsByArea(area: string): Promise<string[]>;
  idsByRecorder(recorder: string): Promise<string[]>;
  /** Ids of the entries whose anchor month is before `month`. */
  idsAnchoredBefore(month: Month): Promise<string[]>;
  /** Deletes an entry and its index entries; false when it did not exist. */
  delete(id: string): Promise<boolean>;
}

/** The village, district and province codes an entry is indexed under. */
export function areasOf(village: string): string[] {
  const parts = village.split('.');
  return [village, parts.slice(0, 2).join('.'), parts[0] ?? ''].filter(
    (a, i, all) => a !== '' && all.indexOf(a) === i,
  );
}

/** `2027-03` → 202703, as the anchor index scores it. */
export const monthScore = (month: Month): number => Number(month.replace('-', ''));
