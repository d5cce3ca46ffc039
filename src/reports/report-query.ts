import type { AreaLevel, ReportStatus, VillageFinder } from '../core/report.js';
import { REPORT_STATUSES } from '../core/report.js';
import { covers } from './officer-access.js';
import type { ReportRecord } from './report-record.js';
import type { IndexedCode, ReportReader } from './report-reader.js';
import { isOverdue, type ReportFacts } from './report-timing.js';

/**
 * Filters and pages over the report store, scoped by an officer's area (DESIGN §6): the desk's table,
 * the admin `reports list` and the exports all select reports here. Area, status and age come from the
 * sorted-set indexes (scored by creation time) without reading a report; level, words, a sub-district
 * and "overdue" read the candidates' facts (report-timing.ts; the Redis reader keeps them fresh in
 * memory); only the reports shown (or exported) are read whole.
 */

/** Who is asking: an officer's role and area (admins: every area). `Officer` fits. */
export interface ReportScope {
  readonly role: AreaLevel;
  /** Kemendagri code of the area; '' for admins. */
  readonly area: string;
}

/** The admin commands see every report. */
export const ADMIN_SCOPE: ReportScope = { role: 'admin', area: '' };

export interface ReportQuery {
  /** Any of these statuses (absent or empty: any). */
  readonly status?: readonly ReportStatus[];
  /** The level the report sits at now. */
  readonly level?: AreaLevel;
  /** Reports from villages in this area: a Kemendagri code prefix `PP`, `PP.KK`, `PP.KK.CC` or a village. */
  readonly area?: string;
  /** At least this many days old. */
  readonly minAgeDays?: number;
  /** At most this many days old. */
  readonly maxAgeDays?: number;
  /** Only reports nobody took within the escalation time (see report-timing.ts). */
  readonly overdue?: boolean;
  /**
   * Free words, all of which must occur (case and accents ignored) in the code, what was reported of
   * the recruiter and the offer, the place, the notes, the village or the outcome — never the reporter.
   * A phone number matches with 0 or 62 in front.
   */
  readonly words?: string;
}

export interface PageRequest {
  /** 1-based; past the last page gives the last page. */
  readonly page?: number;
  readonly pageSize?: number;
}

export interface ReportPage {
  /** Newest first. */
  readonly reports: readonly ReportRecord[];
  /** Reports matching the query in the scope. */
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly pages: number;
}

export interface QueryDeps {
  readonly reader: ReportReader;
  /** Village names for the words filter (optional: codes only without it). */
  readonly villages?: Pick<VillageFinder, 'byCode'>;
  /** REPORT_ESCALATE_AFTER_MINUTES in ms: what "overdue" means. */
  readonly escalateAfterMs: number;
  readonly now: () => Date;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
const DAY_MS = 86_400_000;

/** Kemendagri codes: province `PP`, regency/city `PP.KK`, sub-district `PP.KK.CC`, village `PP.KK.CC.VVVV`. */
export const AREA_CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

/** Whether village code `village` lies in `area` ('' contains every village). */
export const inArea = (village: string, area: string): boolean =>
  area === '' || village === area || village.startsWith(`${area}.`);

/**
 * The area to read for a scope and a wanted area: the narrower of the two, or undefined when they do
 * not overlap (an area outside the officer's reads as empty, never as an error that says it exists).
 */
export function scopedArea(scope: ReportScope, wanted: string | undefined): string | undefined {
  const own = scope.role === 'admin' ? '' : scope.area;
  if (wanted === undefined || wanted === '') return own;
  if (inArea(wanted, own)) return wanted;
  if (inArea(own, wanted)) return own;
  return undefined;
}

/** The index that holds an area: villages, districts and provinces are indexed; a sub-district is read through its district. */
const indexOf = (area: string): string =>
  area.split('.').length === 3 ? area.split('.').slice(0, 2).join('.') : area;

/** One page of the reports matching `query` in `scope`, newest first. */
export async function queryReports(
  deps: QueryDeps,
  scope: ReportScope,
  query: ReportQuery,
  paging: PageRequest = {},
): Promise<ReportPage> {
  const pageSize = Math.min(Math.max(1, Math.floor(paging.pageSize ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
  const matched = await matching(deps, scope, query);
  const total = matched.codes.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(paging.page ?? 1)), pages);
  const codes = matched.codes.slice((page - 1) * pageSize, page * pageSize);
  const reports = await recordsOf(deps.reader, codes);
  return { reports, total, page, pageSize, pages };
}

/** Every report matching `query` in `scope`, newest first (exports, statistics). */
export async function selectReports(
  deps: QueryDeps,
  scope: ReportScope,
  query: ReportQuery,
): Promise<ReportRecord[]> {
  return recordsOf(deps.reader, await selectCodes(deps, scope, query));
}

/** The codes of every report matching `query` in `scope`, newest first (exports read them in parts). */
export async function selectCodes(
  deps: QueryDeps,
  scope: ReportScope,
  query: ReportQuery,
): Promise<readonly string[]> {
  return (await matching(deps, scope, query)).codes;
}

interface Matched {
  /** Newest first. */
  readonly codes: readonly string[];
}

async function matching(deps: QueryDeps, scope: ReportScope, query: ReportQuery): Promise<Matched> {
  const area = scopedArea(scope, query.area);
  if (area === undefined) return { codes: [] };
  let candidates = await deps.reader.area(indexOf(area));
  const wanted = query.status && query.status.length > 0 ? query.status : undefined;
  if (wanted && wanted.length < REPORT_STATUSES.length) {
    const lists = await Promise.all(wanted.map((s) => deps.reader.status(s)));
    const withStatus = new Set(lists.flat().map((c) => c.code));
    candidates = candidates.filter((c) => withStatus.has(c.code));
  }
  const nowMs = deps.now().getTime();
  const newest = query.minAgeDays !== undefined ? nowMs - query.minAgeDays * DAY_MS : Infinity;
  const oldest = query.maxAgeDays !== undefined ? nowMs - query.maxAgeDays * DAY_MS : -Infinity;
  candidates = candidates.filter((c) => c.createdMs <= newest && c.createdMs >= oldest);
  let ordered = newestFirst(candidates);
  const words = searchWords(query.words ?? '');
  const readFacts =
    words.length > 0 ||
    query.level !== undefined ||
    query.overdue === true ||
    indexOf(area) !== area ||
    scope.role === 'village';
  if (!readFacts) return { codes: ordered };
  const facts = await deps.reader.facts(ordered);
  ordered = facts
    .filter(
      (f): f is ReportFacts =>
        f !== undefined &&
        covers(scope, f) &&
        inArea(f.details.village, area) &&
        (!wanted || wanted.includes(f.status)) &&
        (query.level === undefined || f.level === query.level) &&
        (!query.overdue || isOverdue(f, nowMs, deps.escalateAfterMs)) &&
        (words.length === 0 || hasWords(f, words, deps.villages)),
    )
    .map((f) => f.code);
  return { codes: ordered };
}

/** The facts of every report matching `query` in `scope`, newest first (the overview counts these). */
export async function selectFacts(
  deps: QueryDeps,
  scope: ReportScope,
  query: ReportQuery,
): Promise<ReportFacts[]> {
  const { codes } = await matching(deps, scope, query);
  return (await deps.reader.facts(codes)).filter((f): f is ReportFacts => f !== undefined);
}

/** The records of `codes`, in order, read fresh (dropping any deleted meanwhile). */
export async function recordsOf(reader: ReportReader, codes: readonly string[]): Promise<ReportRecord[]> {
  const read = codes.length > 0 ? await reader.records(codes) : [];
  return read.filter((r): r is ReportRecord => r !== undefined);
}

/**
 * Newest first, then by code: the reader's lists come oldest first, then by code (ReportReader), so
 * they are read backwards, a run of equal times in its own order.
 */
function newestFirst(codes: readonly IndexedCode[]): string[] {
  const out: string[] = [];
  for (let end = codes.length; end > 0;) {
    let start = end - 1;
    const ms = codes[start]?.createdMs;
    while (start > 0 && codes[start - 1]?.createdMs === ms) start -= 1;
    for (let i = start; i < end; i++) out.push(codes[i]?.code ?? '');
    end = start;
  }
  return out;
}

/** Lower case without accents. */
export const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The words of a search, folded; phone-like words as digits with 62 in front. */
export function searchWords(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}+-]+/u)
    .map((w) => w.replace(/^[+-]+|[+-]+$/g, ''))
    .filter((w) => w.length > 0)
    .map((w) => (/^[+\d][\d-]{5,}$/.test(w) ? w.replace(/\D/g, '').replace(/^0/, '62') : w));
}

/** Everything of a report a search looks in (never the reporter), folded; kept while its facts are. */
const haystacks = new WeakMap<ReportFacts, string>();

function haystack(r: ReportFacts, villages: QueryDeps['villages']): string {
  const kept = haystacks.get(r);
  if (kept !== undefined) return kept;
  const d = r.details;
  const place = villages?.byCode(d.village);
  const text = fold(
    [
      r.code,
      d.recruiter.name,
      d.recruiter.company,
      ...d.recruiter.phones.map((p) => p.replace(/\D/g, '')),
      d.offer.country,
      d.offer.job,
      d.offer.salary,
      d.offer.fees,
      d.offer.documents,
      d.recruitment?.detail ?? '',
      d.payment?.toName ?? '',
      d.place,
      ...d.notes,
      d.village,
      place ? `${place.name} ${place.district} ${place.regency}` : '',
      r.outcome ?? '',
    ].join('\n'),
  );
  haystacks.set(r, text);
  return text;
}

function hasWords(r: ReportFacts, words: readonly string[], villages: QueryDeps['villages']): boolean {
  const text = haystack(r, villages);
  return words.every((w) => text.includes(w));
}
