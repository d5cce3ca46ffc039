import { FORMAT_TAGS, LOCALES } from './locale.js';
import type { AreaLevel } from './report.js';

/*
 * The village register of departures and returns (Demimas pillar 4; facts L-29, P-01, P-08): a worker
 * or their family tells the village officer who left, where to and until when, and later that the
 * worker came back. Kept only with consent, deleted by `hapus`, purged after a retention period.
 */

/** A month as `YYYY-MM`. */
export type Month = string;

/** Who tells the village: the worker, or a relative. */
export const RELATIONS = ['self', 'family'] as const;
export type Relation = (typeof RELATIONS)[number];

/** How the worker came home, if the family knows: through the arrival services (P-07), deported, alone. */
export const RETURN_ROUTES = ['service', 'deported', 'self', 'unknown'] as const;
export type ReturnRoute = (typeof RETURN_ROUTES)[number];

/** Help a returnee may want; each links to a guide answer. */
export const RETURN_NEEDS = ['reintegration', 'wages', 'health'] as const;
export type ReturnNeed = (typeof RETURN_NEEDS)[number];

export interface Departure {
  /** Destination as the user picked or typed it. */
  readonly country: string;
  /** The placement company (P3MI) as the user wrote it; '' when not known. */
  readonly agency: string;
  readonly departed: Month;
  /** '' when not known. */
  readonly contractEnd: Month;
}

export interface Return {
  readonly returned: Month;
  readonly route: ReturnRoute;
  readonly needs: readonly ReturnNeed[];
}

/** What a user asks the village to record (after saying yes on the consent screen). */
export interface NewEntry {
  /** First name or initials only. */
  readonly who: string;
  /** Kemendagri village code. */
  readonly village: string;
  readonly relation: Relation;
  readonly departure?: Departure;
  readonly return?: Return;
  /** A way to reach the family, only when they agreed: their chat address or a phone number. */
  readonly contact?: string;
}

/** An entry as its officers read it. */
export interface EntryView extends NewEntry {
  readonly id: string;
  readonly villageName: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A user's own entry, as the return step offers it ("Sri, Malaysia"). */
export interface OwnEntry {
  readonly id: string;
  readonly who: string;
  readonly country: string;
  readonly returned: boolean;
}

/** Which entries an officer lists. */
export const LIST_FILTERS = ['all', 'soon', 'abroad', 'returned'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

/** One line of an officer's list. */
export interface ListLine {
  readonly id: string;
  readonly who: string;
  readonly villageName: string;
  readonly country: string;
  readonly contractEnd: Month;
  readonly returned: Month;
}

export type ListResult =
  | {
      readonly type: 'page';
      readonly lines: readonly ListLine[];
      readonly page: number;
      readonly pages: number;
      readonly total: number;
      /** The officer's level: district staff see the village of each line. */
      readonly role: AreaLevel;
      readonly areaName: string;
    }
  | { readonly type: 'refused' };

/**
 * The register as the flows use it. Every officer call is authorised on the server against the officer
 * record of the calling address and the entry's village; user calls only reach the caller's own entries.
 * Implemented outside the core (Redis, or memory in the demo).
 */
export interface RegisterDesk {
  /** Months an entry is kept after the contract end or the return (REGISTER_RETENTION_MONTHS). */
  readonly retentionMonths: number;
  /**
   * Records a new entry. `draftKey` names the telling (the wizard's start time): the same chat and key
   * record one entry however often they are sent (a turn run again after a failed or conflicting
   * session write), as the report desk's draft key does.
   */
  record(address: string, entry: NewEntry, draftKey?: string): Promise<{ readonly id: string }>;
  /** Adds a return to one of the caller's own entries; `not-found` for anyone else's. */
  recordReturn(address: string, id: string, ret: Return): Promise<'done' | 'not-found'>;
  /** The caller's own entries, newest first. */
  mine(address: string): Promise<readonly OwnEntry[]>;
  /** An officer's list of their area, one page (0-based); `refused` when the caller is not an officer. */
  list(address: string, filter: ListFilter, page: number): Promise<ListResult>;
  /** One entry, when the caller is an officer whose area holds its village. */
  view(address: string, id: string): Promise<EntryView | undefined>;
}

/** Lines per page of an officer's list: a small phone shows them without scrolling. */
export const PAGE_SIZE = 5;

/** A contract ending within this many months (or ended, with no return recorded) counts as "soon". */
export const SOON_MONTHS = 3;

/** For register desks not wired into an engine (benchmarks): the user is told to try again. */
export const unwiredRegisterDesk: RegisterDesk = {
  retentionMonths: 0,
  record: () => Promise.reject(new Error('no register desk is wired into this engine')),
  recordReturn: () => Promise.reject(new Error('no register desk is wired into this engine')),
  mine: () => Promise.resolve([]),
  list: () => Promise.resolve({ type: 'refused' }),
  view: () => Promise.resolve(undefined),
};

/**
 * May an officer at `role`/`area` read an entry of this village? Admins: every village; others: the
 * villages inside their area (a village officer their own, district staff its villages).
 */
export function coversVillage(scope: { readonly role: AreaLevel; readonly area: string }, village: string) {
  if (scope.role === 'admin') return true;
  const parts = village.split('.');
  const own =
    scope.role === 'village'
      ? village
      : scope.role === 'district'
        ? parts.slice(0, 2).join('.')
        : (parts[0] ?? '');
  return own !== '' && own === scope.area;
}

export const monthOf = (d: Date): Month => d.toISOString().slice(0, 7);

/** `2027-03` plus `n` months (n may be negative). */
export function addMonths(month: Month, n: number): Month {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first instant after `month` ends (UTC). */
export const monthEnd = (month: Month): Date => new Date(`${addMonths(month, 1)}-01T00:00:00Z`);

/**
 * The month an entry's retention period counts from: the later of the contract end and the return;
 * without either, the departure month plus `assumedContractMonths`.
 */
export function anchorMonth(
  entry: Pick<NewEntry, 'departure' | 'return'>,
  assumedContractMonths: number,
): Month | undefined {
  const months = [
    entry.departure?.contractEnd ?? '',
    entry.return?.returned ?? '',
    entry.departure && !entry.departure.contractEnd && !entry.return
      ? addMonths(entry.departure.departed, assumedContractMonths)
      : '',
  ].filter((m) => m !== '');
  return months.sort().at(-1);
}

/** Month names in every supported language's formatting (Indonesian and English cover the others). */
const MONTH_NAMES: ReadonlyMap<string, number> = (() => {
  const names = new Map<string, number>();
  const tags = new Set(LOCALES.map((l) => FORMAT_TAGS[l]));
  for (const tag of tags) {
    for (const month of ['long', 'short'] as const) {
      const f = new Intl.DateTimeFormat(tag, { month, timeZone: 'UTC' });
      for (let m = 0; m < 12; m++) {
        const name = f
          .format(new Date(Date.UTC(2020, m, 1)))
          .toLowerCase()
          .replace(/\.$/, '');
        if (/^\p{L}{3,}$/u.test(name)) names.set(name, m + 1);
      }
    }
  }
  return names;
})();

/**
 * Reads a month as people type it: "03/2027", "3-2027", "2027-03", "Maret 2027", "mar 27". Years of two
 * digits are 20xx. Undefined when it is not a month from 1990 to 2100.
 */
export function parseMonth(text: string): Month | undefined {
  const s = text.trim().toLowerCase();
  let year: number | undefined;
  let month: number | undefined;
  const numeric = /^(\d{1,2})\s*[/.\-\s]\s*(\d{4}|\d{2})$/.exec(s);
  const iso = /^(\d{4})\s*[-/.]\s*(\d{1,2})$/.exec(s);
  const named = /^(\p{L}{3,})\.?\s*[-/ ]?\s*(\d{4}|\d{2})$/u.exec(s);
  if (numeric) [month, year] = [Number(numeric[1]), Number(numeric[2])];
  else if (iso) [year, month] = [Number(iso[1]), Number(iso[2])];
  else if (named) [month, year] = [MONTH_NAMES.get(named[1] ?? ''), Number(named[2])];
  if (year === undefined || month === undefined) return undefined;
  if (year < 100) year += 2000;
  if (month < 1 || month > 12 || year < 1990 || year > 2100) return undefined;
  return `${String(year)}-${String(month).padStart(2, '0')}`;
}
