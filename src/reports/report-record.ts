import type { AreaLevel, ContactConsent, ReportDetails, ReportStatus } from '../core/report.js';

/** A report as stored; the reporter's address is kept apart (see `ReportStore.reporter`). */
export interface ReportRecord {
  readonly code: string;
  readonly status: ReportStatus;
  /** Where the report sits now: the level and the area code of the officers it went to. */
  readonly level: AreaLevel;
  readonly area: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly details: ReportDetails;
  /** What officers may learn of the reporter. */
  readonly contact: ContactConsent;
  /** The reporter wants to be told of changes (no identity: just whether to queue a notice). */
  readonly updates: boolean;
  readonly outcome?: string;
  /** Officer id of the first acknowledgement. */
  readonly owner?: string;
}

/** One line of a report's history. Never holds the reporter's address. */
export interface HistoryEntry {
  readonly at: string;
  readonly type: string;
  readonly level?: AreaLevel;
  readonly area?: string;
  /** Officer ids concerned (routed to, alerted, acting). */
  readonly officers?: readonly string[];
  readonly reason?: string;
  /** What an officer wrote (a note, a question) or the reporter answered. */
  readonly note?: string;
}

/** Kemendagri area codes: `PP` province, `PP.KK` regency/city ("district"), `PP.KK.CC.VVVV` village. */
export function areaOf(villageCode: string, level: AreaLevel): string {
  const parts = villageCode.split('.');
  switch (level) {
    case 'village':
      return villageCode;
    case 'district':
      return parts.slice(0, 2).join('.');
    case 'province':
      return parts[0] ?? '';
    case 'admin':
      return '';
  }
}
