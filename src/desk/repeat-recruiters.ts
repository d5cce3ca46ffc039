import type { AgencyChecker } from '../content/agency-matcher.js';
import { companyKey, phoneKey } from '../content/agency-matcher.js';
import type { Agency } from '../content/jobs-schema.js';
import {
  fold,
  selectFacts,
  type QueryDeps,
  type ReportQuery,
  type ReportScope,
} from '../reports/report-query.js';
import { OPEN } from '../reports/statuses.js';
import type { ReportFacts } from '../reports/report-timing.js';

/**
 * Recruiters who keep coming back (DESIGN §6): reports that share a recruiter phone, company or name
 * are linked (and through each other: A and B share a phone, B and C a company, so A, B, C are one
 * recruiter), and each company or phone named is checked against the agency list.
 */

export const RECRUITER_KEYS = ['phone', 'company', 'name'] as const;
export type RecruiterKey = (typeof RECRUITER_KEYS)[number];

/** A phone, company or name found in two or more reports of one group, as first written. */
export interface SharedValue {
  readonly kind: RecruiterKey;
  readonly value: string;
  /** Newest first. */
  readonly codes: readonly string[];
}

/** What the agency list says of a company or phone named in the reports. */
export type AgencyStanding =
  /** An agency on the list with a licence valid today. */
  | { readonly type: 'licensed'; readonly agency: Agency }
  /** On the list, but its licence is revoked or suspended, or has run out. */
  | { readonly type: 'revoked' | 'suspended' | 'expired'; readonly agency: Agency }
  /** Not an agency on the list, but a name close to one: the impostor's trick. */
  | { readonly type: 'look-alike'; readonly agency: Agency }
  | { readonly type: 'not-listed' };

export interface AgencyCheckLine {
  readonly kind: 'company' | 'phone';
  /** As written in a report. */
  readonly asked: string;
  readonly standing: AgencyStanding;
}

export interface RepeatRecruiter {
  /** Newest first. */
  readonly codes: readonly string[];
  /** What links them. */
  readonly shared: readonly SharedValue[];
  /** Every distinct name, company and phone written in these reports. */
  readonly names: readonly string[];
  readonly companies: readonly string[];
  readonly phones: readonly string[];
  /** How many of them are still open. */
  readonly open: number;
  /** Village codes, sorted. */
  readonly villages: readonly string[];
  readonly firstAt: string;
  readonly lastAt: string;
  /** Each company named, and each phone that is an agency's number. */
  readonly agencies: readonly AgencyCheckLine[];
}

export interface RepeatDeps extends QueryDeps {
  readonly agencies: AgencyChecker;
}

/** Honorifics and titles dropped from a name before comparing ("Pak Darto" is "Darto"). */
const TITLES = new Set(
  'pak bapak bpk bp bu ibu mas mbak mba bang abang kak om tante haji hj h sdr saudara saudari mr mrs ms'.split(
    ' ',
  ),
);

/** What the wizard stores when a reporter does not know a name ("-", "tidak tahu"). */
const UNKNOWN = new Set([
  '',
  'tidak tahu',
  'tidak tau',
  'gak tahu',
  'gak tau',
  'ga tau',
  'nggak tahu',
  'unknown',
]);

/** A person's name as compared: folded, letters only, without titles; '' when too short to link on. */
export function nameKey(name: string): string {
  const words = fold(name)
    .split(/[^\p{L}]+/u)
    .filter((w) => w !== '');
  const plain = words.join(' ');
  if (UNKNOWN.has(plain)) return '';
  const key = words.filter((w) => !TITLES.has(w)).join(' ');
  return key.length >= 3 ? key : '';
}

/** What the grouping reads of a report (report-timing.ts' facts). */
type Reported = Pick<ReportFacts, 'code' | 'createdMs' | 'status' | 'details'>;

const keysOf = (r: Reported): [RecruiterKey, string, string][] => {
  const d = r.details.recruiter;
  const out: [RecruiterKey, string, string][] = [];
  for (const p of d.phones) {
    const k = phoneKey(p);
    if (k.length >= 8) out.push(['phone', k, p]);
  }
  const company = companyKey(d.company);
  if (company.length >= 3) out.push(['company', company, d.company]);
  const name = nameKey(d.name);
  if (name !== '') out.push(['name', name, d.name]);
  return out;
};

/**
 * Groups of two or more reports in the scope (and query) that share a recruiter phone, company or
 * name; the largest groups first, then the most recent.
 */
export async function repeatRecruiters(
  deps: RepeatDeps,
  scope: ReportScope,
  query: ReportQuery = {},
): Promise<RepeatRecruiter[]> {
  // What was reported is part of the facts (the desk keeps them): no report is read whole.
  const records: readonly Reported[] = await selectFacts(deps, scope, query);
  const parent = records.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    parent[i] = r;
    return r;
  };
  const byKey = new Map<string, { kind: RecruiterKey; value: string; at: number[] }>();
  records.forEach((r, i) => {
    for (const [kind, key, value] of keysOf(r)) {
      const id = `${kind}:${key}`;
      const entry = byKey.get(id) ?? { kind, value, at: [] };
      if (!entry.at.includes(i)) entry.at.push(i);
      byKey.set(id, entry);
    }
  });
  for (const { at } of byKey.values()) {
    const first = at[0];
    if (first === undefined) continue;
    for (const i of at.slice(1)) parent[root(i)] = root(first);
  }
  const groups = new Map<number, number[]>();
  records.forEach((_, i) => {
    const g = groups.get(root(i));
    if (g) g.push(i);
    else groups.set(root(i), [i]);
  });
  const sharedIn = new Map<number, SharedValue[]>();
  for (const k of byKey.values()) {
    if (k.at.length < 2) continue;
    const value = { kind: k.kind, value: k.value, codes: k.at.map((i) => records[i]?.code ?? '') };
    const at = root(k.at[0] ?? 0);
    sharedIn.set(at, [...(sharedIn.get(at) ?? []), value]);
  }
  const today = deps.now().toISOString().slice(0, 10);
  const result: RepeatRecruiter[] = [];
  for (const [at, members] of groups) {
    if (members.length < 2) continue;
    // `records` is newest first, and so are the member indexes.
    const group = members.map((i) => records[i]).filter((r): r is Reported => r !== undefined);
    result.push(describe(group, sharedIn.get(at) ?? [], deps.agencies, today));
  }
  return result.sort((a, b) => b.codes.length - a.codes.length || b.lastAt.localeCompare(a.lastAt));
}

function describe(
  group: readonly Reported[],
  shared: SharedValue[],
  checker: AgencyChecker,
  today: string,
): RepeatRecruiter {
  const distinct = (values: readonly string[], key: (v: string) => string) => {
    const seen = new Map<string, string>();
    for (const v of values) if (key(v) !== '' && !seen.has(key(v))) seen.set(key(v), v);
    return [...seen.values()];
  };
  const names = distinct(
    group.map((r) => r.details.recruiter.name),
    (v) => nameKey(v) || fold(v).trim(),
  );
  const companies = distinct(
    group.map((r) => r.details.recruiter.company),
    companyKey,
  );
  const phones = distinct(
    group.flatMap((r) => r.details.recruiter.phones),
    phoneKey,
  );
  const agencies: AgencyCheckLine[] = [
    ...companies.map((c) => ({ kind: 'company' as const, asked: c, standing: standing(checker, c, today) })),
    ...phones.flatMap((p) => {
      const s = standing(checker, p, today);
      return s.type === 'not-listed' ? [] : [{ kind: 'phone' as const, asked: p, standing: s }];
    }),
  ];
  const created = group.map((r) => new Date(r.createdMs).toISOString()).sort();
  return {
    codes: group.map((r) => r.code),
    shared: shared.sort((a, b) => RECRUITER_KEYS.indexOf(a.kind) - RECRUITER_KEYS.indexOf(b.kind)),
    names,
    companies,
    phones,
    open: group.filter((r) => OPEN.includes(r.status)).length,
    villages: [...new Set(group.map((r) => r.details.village))].sort(),
    firstAt: created[0] ?? '',
    lastAt: created.at(-1) ?? '',
    agencies,
  };
}

/** The agency list's word on a company name or phone number. */
export function standing(checker: AgencyChecker, asked: string, today: string): AgencyStanding {
  const m = checker.check(asked);
  if (m.type === 'near') return { type: 'look-alike', agency: m.agency };
  if (m.type !== 'found') return { type: 'not-listed' };
  const a = m.agency;
  if (a.status === 'revoked' || a.status === 'suspended') return { type: a.status, agency: a };
  if (a.licence_valid_until < today) return { type: 'expired', agency: a };
  return { type: 'licensed', agency: a };
}
