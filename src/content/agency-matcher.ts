import type { Agency } from './jobs-schema.js';
import { foldedWords } from './text-terms.js';

export type AgencyMatch =
  | { readonly type: 'found'; readonly agency: Agency; readonly by: 'name' | 'phone' }
  /** Not this agency, but a name close to it: the impostor's trick (one letter off, a word added or dropped). */
  | { readonly type: 'near'; readonly agency: Agency; readonly asked: string }
  | { readonly type: 'none'; readonly asked: string; readonly by: 'name' | 'phone' }
  /** The message held no company name or number to look up. */
  | { readonly type: 'empty' };

export interface AgencyChecker {
  check(text: string): AgencyMatch;
}

/** Words around a company name in a question ("cek PT … resmi gak?") and legal-form words. */
const NOISE = new Set(
  (
    'cek check apakah apa ini itu perusahaan company agen agency p3mi pjtki pptkis pt cv tbk persero resmi terdaftar ' +
    'berizin izin legal asli gak ga tidak nggak ya kah bukan yang is licensed registered official the nama tolong'
  ).split(' '),
);

/** Lower case, no punctuation, no legal form (PT, CV, Tbk) and no question words: "PT. Maju-Jaya" → "maju jaya". */
export function companyKey(text: string): string {
  return foldedWords(text.replace(/\b[pP]\s*\.\s*[tT]\b\.?/g, ' pt '))
    .filter((w) => !NOISE.has(w))
    .join(' ');
}

/** A phone number as digits with the Indonesian country code: "0812-…", "+62 812…" → "62812…". */
export const phoneKey = (text: string): string => text.replace(/\D/g, '').replace(/^0/, '62');

/** Edits (insert, delete, replace, swap of neighbours) between two strings, giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/** Names this close are pointed out as look-alikes: up to one edit in five letters. */
const NEAR_RATIO = 0.2;
/** A word in more names than this is common; at most this many names are compared. */
const COMMON_WORD = 50;
const MAX_CANDIDATES = 300;

/**
 * Checks a company name or phone number against the agency list. An exact name or alias (ignoring PT/CV,
 * case and punctuation) or a registered phone is a match; a name one or two letters off, or with a
 * word added or dropped, is a look-alike and never treated as the licensed company.
 */
export function createAgencyChecker(agencies: readonly Agency[]): AgencyChecker {
  const byKey = new Map<string, Agency>();
  const byPhone = new Map<string, Agency>();
  const byToken = new Map<string, Set<number>>();
  const keys: { key: string; tokens: string[]; agency: Agency }[] = [];
  for (const agency of agencies) {
    for (const name of [agency.name, ...agency.aliases]) {
      const key = companyKey(name);
      if (key === '') continue;
      if (!byKey.has(key)) byKey.set(key, agency);
      const tokens = key.split(' ');
      const at = keys.push({ key, tokens, agency }) - 1;
      for (const t of tokens) byToken.set(t, (byToken.get(t) ?? new Set()).add(at));
    }
    for (const p of agency.phones) byPhone.set(phoneKey(p), agency);
  }

  const nearest = (key: string): Agency | undefined => {
    const tokens = key.split(' ');
    // Candidates share a word with the question; words in many names ("jaya", "indonesia") only count
    // when the question has no rarer word.
    const rare = tokens.filter((t) => (byToken.get(t)?.size ?? 0) <= COMMON_WORD);
    const candidates = new Set<number>();
    for (const t of rare.length > 0 ? rare : tokens) {
      for (const i of byToken.get(t) ?? []) {
        candidates.add(i);
        if (candidates.size >= MAX_CANDIDATES) break;
      }
    }
    let best: { agency: Agency; score: number } | undefined;
    for (const i of candidates) {
      const k = keys[i];
      if (!k) continue;
      const max = Math.max(1, Math.floor(Math.max(key.length, k.key.length) * NEAR_RATIO));
      const distance = editDistance(key, k.key, max);
      const shared = tokens.filter((t) => k.tokens.includes(t)).length;
      // One name inside the other with at least two shared words: "Maju Jaya" vs "Contoh Maju Jaya".
      const contained = shared >= 2 && (shared === tokens.length || shared === k.tokens.length);
      if (distance > max && !contained) continue;
      const score = distance <= max ? 1 - distance / Math.max(key.length, k.key.length) : shared / Math.max(tokens.length, k.tokens.length);
      if (!best || score > best.score) best = { agency: k.agency, score };
    }
    return best?.agency;
  };

  return {
    check(text) {
      const input = text.slice(0, 300);
      const digits = input.replace(/\D/g, '');
      if (digits.length >= 8 && digits.length <= 15 && companyKey(input.replace(/[\d+()-]/g, ' ')) === '') {
        const agency = byPhone.get(phoneKey(input));
        return agency ? { type: 'found', agency, by: 'phone' } : { type: 'none', asked: input.trim(), by: 'phone' };
      }
      const key = companyKey(input);
      if (key.length < 3) return { type: 'empty' };
      const exact = byKey.get(key);
      if (exact) return { type: 'found', agency: exact, by: 'name' };
      const near = nearest(key);
      return near ? { type: 'near', agency: near, asked: key } : { type: 'none', asked: key, by: 'name' };
    },
  };
}
