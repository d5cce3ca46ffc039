import type { ScanFile } from '../content/warnings-schema.js';
import { feeAmountAfter, minorAgeAfter, minorRangeBefore } from './near.js';
import { NEGATION_LINKS, NEGATIONS, normalizeForScan, withinOneEdit } from './normalize.js';

/** Single words at least this long also match with one typo ("kamboya" → "kamboja"). */
const FUZZY_MIN = 6;

type Near = NonNullable<ScanFile['rules'][number]['near']>;

interface PhraseTarget {
  /** Rule id, or country id. */
  readonly marker: string;
  readonly phrase: string;
  /** What must come with the phrase for it to count. */
  readonly near?: Near;
}

/** The phrase lists of scan.yaml, indexed for matching against one text's words. */
export interface PhraseIndex {
  /** Single-word phrases by word. */
  readonly words: Map<string, PhraseTarget[]>;
  /** Multi-word phrases, matched as whole words in the text. */
  readonly phrases: PhraseTarget[];
  /** Single words long enough for typo matching, by length. */
  readonly fuzzy: Map<number, string[]>;
}

export function buildIndex(scan: ScanFile): PhraseIndex {
  const index: PhraseIndex = { words: new Map(), phrases: [], fuzzy: new Map() };
  const add = (marker: string, raw: string, near?: Near) => {
    const phrase = normalizeForScan(raw);
    if (phrase === '') return;
    const target: PhraseTarget = near ? { marker, phrase, near } : { marker, phrase };
    if (phrase.includes(' ')) {
      index.phrases.push(target);
      return;
    }
    const list = index.words.get(phrase) ?? [];
    list.push(target);
    index.words.set(phrase, list);
    // Words that need a number next to them are short grammar words: no typo matching.
    if (!near && phrase.length >= FUZZY_MIN && !/\d/.test(phrase)) {
      const bucket = index.fuzzy.get(phrase.length) ?? [];
      bucket.push(phrase);
      index.fuzzy.set(phrase.length, bucket);
    }
  };
  for (const rule of scan.rules)
    for (const list of Object.values(rule.phrases)) for (const p of list) add(rule.id, p, rule.near);
  for (const country of scan.countries) for (const w of country.words) add(country.id, w);
  return index;
}

/** True when the words just before position `at` negate what follows ("tanpa …", "tidak ada …"). */
function negated(tokens: readonly string[], at: number, phrase: string): boolean {
  if (NEGATIONS.has(phrase.split(' ')[0] ?? '')) return false;
  // "tanpa …", "tidak ada …", "tidak boleh pakai …": a negation, then at most two linking words.
  for (let i = at - 1; i >= Math.max(0, at - 3); i--) {
    const w = tokens[i] ?? '';
    if (NEGATIONS.has(w)) return true;
    if (!NEGATION_LINKS.has(w)) return false;
  }
  return false;
}

/** The words [from, to) of the phrase at [at, end) with what it needs, or undefined when that is missing. */
function nearSpan(
  near: Near | undefined,
  tokens: readonly string[],
  at: number,
  end: number,
): [number, number] | undefined {
  const upTo = (to: number): [number, number] | undefined => (to < 0 ? undefined : [at, to]);
  switch (near) {
    case undefined:
      return [at, end];
    case 'amount':
      return upTo(feeAmountAfter(tokens, end, at));
    case 'minor-age':
      return upTo(minorAgeAfter(tokens, end));
    case 'minor-range':
      return minorRangeBefore(tokens, at) ? [at - 2, end] : undefined;
  }
}

/** Markers (rule ids and country ids) whose phrases occur in the text, with the words that matched. */
export function matchMarkers(index: PhraseIndex, normalized: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const tokens = normalized.split(' ');
  const hit = (t: PhraseTarget, at: number, seen: string) => {
    const span = negated(tokens, at, t.phrase)
      ? undefined
      : nearSpan(t.near, tokens, at, at + t.phrase.split(' ').length);
    if (!span) return false;
    const set = found.get(t.marker) ?? new Set<string>();
    // A phrase that needs a number is shown with it ("biaya 25 juta"), so the reason names what was asked.
    set.add(t.near ? tokens.slice(...span).join(' ') : seen);
    found.set(t.marker, set);
    return true;
  };
  tokens.forEach((token, at) => {
    const exact = index.words.get(token);
    if (exact) {
      for (const t of exact) hit(t, at, token);
      return;
    }
    if (token.length < FUZZY_MIN - 1 || /\d/.test(token)) return;
    for (const len of [token.length - 1, token.length, token.length + 1]) {
      for (const word of index.fuzzy.get(len) ?? []) {
        if (!withinOneEdit(token, word)) continue;
        for (const t of index.words.get(word) ?? []) hit(t, at, token);
      }
    }
  });
  const padded = ` ${normalized} `;
  for (const t of index.phrases) {
    for (
      let from = padded.indexOf(` ${t.phrase} `);
      from >= 0;
      from = padded.indexOf(` ${t.phrase} `, from + 1)
    ) {
      const at = padded.slice(0, from).trim().split(' ').filter(Boolean).length;
      if (hit(t, at, t.phrase)) break;
    }
  }
  return found;
}
