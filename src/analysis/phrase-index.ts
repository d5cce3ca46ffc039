import type { ScanFile } from '../content/warnings-schema.js';
import { feeAmountAfter, minorAgeAfter, minorBirthYearAfter, minorRangeBefore } from './near.js';
import {
  CONDITIONALS,
  COORDINATORS,
  NEGATION_LINKS,
  NEGATIONS,
  NOT_WARNING_AFTER,
  PROMISE_WORDS,
  THIRD_PARTIES,
  WARNING_WORDS,
  normalizeForScan,
  withinOneEdit,
} from './normalize.js';

/** Single words at least this long also match with one typo ("kamboya" → "kamboja"). */
const FUZZY_MIN = 6;
/**
 * Place names need one letter more: a short foreign place is often one letter away from a place at home
 * ("Kendal" in Central Java is not "Kandal" in Cambodia).
 */
const FUZZY_MIN_PLACE = FUZZY_MIN + 1;

type Rule = ScanFile['rules'][number];
type Near = NonNullable<Rule['near']>;

/** Words around a phrase that it needs or that undo it (scan.yaml `with`, `without`, `within`, `negated_only`). */
interface Context {
  readonly with: readonly (readonly string[])[];
  readonly without: readonly (readonly string[])[];
  readonly within: number;
  readonly negatedOnly: boolean;
}

interface PhraseTarget {
  /** Rule id, or country id. */
  readonly marker: string;
  readonly phrase: string;
  /** What must come with the phrase for it to count. */
  readonly near?: Near;
  readonly context?: Context;
}

/** The phrase lists of scan.yaml, indexed for matching against one text's words. */
export interface PhraseIndex {
  /** Single-word phrases by word. */
  readonly words: Map<string, PhraseTarget[]>;
  /** Multi-word phrases, matched as whole words in the text. */
  readonly phrases: PhraseTarget[];
  /** Single words long enough for typo matching, by first letter and length ("k7"). */
  readonly fuzzy: Map<string, string[]>;
  /** Multi-word phrases by their first word, as positions in `phrases`. */
  readonly starts: Map<string, number[]>;
  /** Every word of every phrase: a text word that is not one of them may be one with a suffix ("biayane"). */
  readonly vocabulary: Set<string>;
  /** The phrases of each marker, to tell the items of one list ("uang jaminan, dp atau uang kunci"). */
  readonly byMarker: Map<string, Set<string>>;
}

/** True when `words` are a phrase of `marker` ("calo" of the broker rule, "uang jaminan" of the fee rule). */
const phraseOf = (index: PhraseIndex, marker: string, words: string): boolean =>
  index.byMarker.get(marker)?.has(words) ?? false;

const contextOf = (rule: Rule): Context | undefined => {
  const words = (list: readonly string[] | undefined) =>
    (list ?? []).map((w) => normalizeForScan(w).split(' ')).filter((w) => w[0] !== '');
  if (!rule.with && !rule.without && !rule.negated_only) return undefined;
  return {
    with: words(rule.with),
    without: words(rule.without),
    within: rule.within,
    negatedOnly: rule.negated_only,
  };
};

/** A typo keeps the first letter ("kamboya", "pasport"): words are looked up by it and their length. */
const fuzzyKey = (word: string, length: number): string => `${word[0] ?? ''}${length}`;

export function buildIndex(scan: ScanFile): PhraseIndex {
  const index: PhraseIndex = {
    words: new Map(),
    phrases: [],
    fuzzy: new Map(),
    starts: new Map(),
    vocabulary: new Set(),
    byMarker: new Map(),
  };
  const add = (marker: string, raw: string, near?: Near, context?: Context, fuzzyMin = FUZZY_MIN) => {
    const phrase = normalizeForScan(raw);
    if (phrase === '') return;
    for (const w of phrase.split(' ')) index.vocabulary.add(w);
    const own = index.byMarker.get(marker) ?? new Set<string>();
    own.add(phrase);
    index.byMarker.set(marker, own);
    const target: PhraseTarget = { marker, phrase, ...(near && { near }), ...(context && { context }) };
    if (phrase.includes(' ')) {
      const first = phrase.slice(0, phrase.indexOf(' '));
      const starting = index.starts.get(first) ?? [];
      starting.push(index.phrases.length);
      index.starts.set(first, starting);
      index.phrases.push(target);
      return;
    }
    const list = index.words.get(phrase) ?? [];
    list.push(target);
    index.words.set(phrase, list);
    // Words that need a number next to them are short grammar words: no typo matching.
    if (!near && phrase.length >= fuzzyMin && !/\d/.test(phrase)) {
      const key = fuzzyKey(phrase, phrase.length);
      const bucket = index.fuzzy.get(key) ?? [];
      if (!bucket.includes(phrase)) bucket.push(phrase);
      index.fuzzy.set(key, bucket);
    }
  };
  for (const rule of scan.rules) {
    const context = contextOf(rule);
    // English phrases match as written: a typo of an English word is often another word ("contact" is not
    // "contract"); chat spellings and typos are in the Indonesian, Javanese and Sundanese lists.
    for (const [lang, list] of Object.entries(rule.phrases))
      for (const p of list) add(rule.id, p, rule.near, context, lang === 'en' ? Infinity : FUZZY_MIN);
    for (const w of [...(rule.with ?? []), ...(rule.without ?? [])])
      for (const part of normalizeForScan(w).split(' ')) index.vocabulary.add(part);
  }
  for (const country of scan.countries)
    for (const w of country.words) add(country.id, w, undefined, undefined, FUZZY_MIN_PLACE);
  return index;
}

/** Shortest stem a Javanese or Sundanese suffix is cut down to ("biayane" → "biaya"; "calone" stays). */
const MIN_LOCAL_STEM = 5;

/**
 * The phrase-list word a text word is a form of, when it is not a phrase-list word itself: English plurals
 * ("charges", "nannies", "housemaids"), Indonesian -nya ("biayanya"), Javanese -e/-ne ("ragade", "biayane"),
 * Sundanese -na ("biayana"), and -mu/-ku ("paspormu", "gajiku"). Anything else is left as written.
 */
export function stemWord(word: string, vocabulary: ReadonlySet<string>): string {
  // Reduplication written with a 2 ("ketik2", "kerja2" from "ketik²", "kerja-kerja" written short).
  const doubled = /^(\p{L}{3,})2$/u.exec(word)?.[1];
  if (doubled !== undefined && vocabulary.has(doubled)) return doubled;
  if (vocabulary.has(word) || /\d/.test(word)) return word;
  const known = (stem: string, min = 3) => stem.length >= min && vocabulary.has(stem);
  const candidates: [string, number][] = [];
  if (word.endsWith('ies')) candidates.push([`${word.slice(0, -3)}y`, 3]);
  if (word.endsWith('es')) candidates.push([word.slice(0, -2), 3]);
  if (word.endsWith('s')) candidates.push([word.slice(0, -1), 3]);
  if (word.endsWith('nya')) candidates.push([word.slice(0, -3), 3]);
  // "your" and "my" written on ("paspormu", "umurku"): no ordinary word ends so on a listed word of four letters.
  if (word.endsWith('mu') || word.endsWith('ku')) candidates.push([word.slice(0, -2), 4]);
  if (word.endsWith('ne')) candidates.push([word.slice(0, -2), MIN_LOCAL_STEM]);
  if (word.endsWith('na')) candidates.push([word.slice(0, -2), MIN_LOCAL_STEM]);
  if (word.endsWith('e')) candidates.push([word.slice(0, -1), MIN_LOCAL_STEM]);
  return candidates.find(([stem, min]) => known(stem, min))?.[0] ?? word;
}

/** How far back a warning about others' promises may reach ("waspada calo yang menjanjikan lulus tanpa tes"). */
const WARNING_REACH = 10;

/** How close a promise word must follow "kalau ada yang", "jika ada pihak yang", "if anyone". */
const CONDITIONAL_REACH = 3;

/**
 * True when a promise word stands within a few words before `at`, after a warning word ("waspada calo yang
 * menjanjikan …") or right after someone else's "if" ("kalau ada yang janji lulus tanpa tes, itu bohong",
 * "jika ada pihak yang menjanjikan …", "if anyone promises …"). A recruiter's own "kalau ada yang minat, saya
 * janji …" is no warning: the promise word does not follow the "if someone" at once.
 */
function warnedAbout(tokens: readonly string[], at: number): boolean {
  const from = Math.max(0, at - WARNING_REACH);
  const before = tokens.slice(from, at);
  const promise = before.findIndex((w) => PROMISE_WORDS.has(w));
  if (promise <= 0) return false;
  const lead = before.slice(0, promise);
  if (lead.some((w, i) => WARNING_WORDS.has(w) && !NOT_WARNING_AFTER.has(lead[i + 1] ?? ''))) return true;
  for (let i = Math.max(0, promise - 1 - CONDITIONAL_REACH); i < promise - 1; i++)
    if (CONDITIONALS.has(lead[i] ?? '') && THIRD_PARTIES.has(lead[i + 1] ?? '')) return true;
  return false;
}

/** How far back a list of negated items may reach ("tidak ada biaya proses, biaya tiket, atau biaya visa"). */
const LIST_REACH = 8;

/** Linking words that may stand between a negation and what it negates ("no need for a …"). */
const MAX_LINKS = 3;

/** True when a negation, then at most three linking words, stand just before position `at`. */
function negatedHere(tokens: readonly string[], at: number): boolean {
  // "tanpa …", "tidak ada …", "tidak boleh pakai …".
  for (let i = at - 1; i >= Math.max(0, at - 1 - MAX_LINKS); i--) {
    const w = tokens[i] ?? '';
    if (NEGATIONS.has(w)) return true;
    if (!NEGATION_LINKS.has(w)) return false;
  }
  return false;
}

/** Longest item of a list, in words, that a negation reaches through ("uang jaminan", "biaya tiket pesawat"). */
const MAX_ITEM = 3;
/** Words before a list item that are not part of it ("a deposit", "any placement fee"). */
const ITEM_FILLERS = new Set(['a', 'an', 'the', 'any']);

/**
 * True when the words before position `at` negate what follows: "tanpa …", "tidak ada …", or an item of a list
 * whose first item is negated: items that start with the same word ("bukan visa turis atau visa kunjungan",
 * "tidak ada biaya proses, biaya tiket, atau biaya visa"), or phrases of the same list one after another
 * (`sameList`: "laporkan calo atau sponsor", "tanpa calo, pl, atau sponsor", "tidak memungut uang jaminan, DP,
 * atau uang kunci"). A list needs a joining word before or after the item: "tanpa biaya proses, DP 2 juta" is
 * a free process and a down payment, not two things denied.
 */
export function negated(
  tokens: readonly string[],
  at: number,
  phrase: string,
  sameList?: (words: string) => boolean,
  inList = false,
): boolean {
  if (warnedAbout(tokens, at)) return true;
  const head = phrase.split(' ')[0] ?? '';
  if (NEGATIONS.has(head)) return false;
  if (negatedHere(tokens, at)) return true;
  const length = phrase.split(' ').length;
  // The end of a longer phrase of the same list that is negated ("kunci job" in "tidak memungut … uang kunci job").
  if (sameList)
    for (let k = 1; k < MAX_ITEM && at - k >= 0; k++) {
      const longer = tokens.slice(at - k, at + length).join(' ');
      if (sameList(longer) && negated(tokens, at - k, longer, sameList, inList)) return true;
    }
  // Articles between the items do not count: "a booking fee, a deposit or any placement fee".
  let start = at;
  while (start > 0 && ITEM_FILLERS.has(tokens[start - 1] ?? '')) start--;
  const afterJoin = COORDINATORS.has(tokens[start - 1] ?? '');
  const beforeJoin = COORDINATORS.has(tokens[at + length] ?? '');
  if (!afterJoin && !beforeJoin && !inList) return false;
  if (afterJoin)
    for (let i = start - 2; i >= Math.max(0, at - LIST_REACH); i--) {
      if (tokens[i] === head && negatedHere(tokens, i)) return true;
    }
  if (!sameList) return false;
  // The item just before, of the same list: negated itself, or through the items before it.
  let end = afterJoin ? start - 1 : start;
  while (end > 0 && ITEM_FILLERS.has(tokens[end - 1] ?? '')) end--;
  for (let k = 1; k <= MAX_ITEM && end - k >= 0; k++) {
    const prev = tokens.slice(end - k, end).join(' ');
    if (sameList(prev) && negated(tokens, end - k, prev, sameList, true)) return true;
  }
  return false;
}

/** Where the occurrences of `seqs` starting within [from, to) start and end, as pairs: [start, end, start, end, …]. */
function findSeq(
  tokens: readonly string[],
  seqs: readonly (readonly string[])[],
  from: number,
  to: number,
): number[] {
  const found: number[] = [];
  for (let i = Math.max(0, from); i < Math.min(tokens.length, to); i++)
    for (const seq of seqs) if (seq.every((w, k) => tokens[i + k] === w)) found.push(i, i + seq.length);
  return found;
}

/**
 * The words [from, to) of the phrase at [at, end) with the partner its context needs, or undefined when
 * the partner is missing or negated, or a word that undoes it is near.
 */
function contextSpan(
  context: Context | undefined,
  tokens: readonly string[],
  at: number,
  end: number,
  phrase: string,
  sameList: (words: string) => boolean,
): [number, number] | undefined {
  const isNegated = negated(tokens, at, phrase, sameList);
  if (!context) return isNegated ? undefined : [at, end];
  if (context.negatedOnly !== isNegated) return undefined;
  const { within } = context;
  if (findSeq(tokens, context.without, at - within, end + within).length > 0) return undefined;
  if (context.with.length === 0) return [at, end];
  const hits = findSeq(tokens, context.with, at - within, end + within);
  for (let k = 0; k < hits.length; k += 2) {
    const from = hits[k] ?? 0;
    const to = hits[k + 1] ?? 0;
    if (to > at && from < end) continue; // the phrase itself
    // "bukan visa turis", "tidak ditahan": a negated partner, or a negation before the pair, undoes it.
    const start = Math.min(from, at);
    if (
      negated(tokens, from, tokens[from] ?? '') ||
      (start < at && negated(tokens, start, tokens[start] ?? ''))
    )
      continue;
    return [start, Math.max(to, end)];
  }
  return undefined;
}

/** The words [from, to) of the phrase at [at, end) with what it needs, or undefined when that is missing. */
function nearSpan(
  near: Near | undefined,
  tokens: readonly string[],
  at: number,
  end: number,
  year: number,
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
    case 'birth-year':
      return upTo(minorBirthYearAfter(tokens, end, year));
  }
}

/**
 * Markers (rule ids and country ids) whose phrases occur in the text, with the words that matched. `year`
 * is the current year, for birth years ("kelahiran 2009").
 */
export function matchMarkers(index: PhraseIndex, normalized: string, year: number): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const tokens = normalized.split(' ').map((w) => stemWord(w, index.vocabulary));
  const hit = (t: PhraseTarget, at: number, seen: string) => {
    const end = at + t.phrase.split(' ').length;
    const around = contextSpan(t.context, tokens, at, end, t.phrase, (w) => phraseOf(index, t.marker, w));
    const near = around && nearSpan(t.near, tokens, at, end, year);
    if (!around || !near) return false;
    const span: [number, number] = [Math.min(around[0], near[0]), Math.max(around[1], near[1])];
    const set = found.get(t.marker) ?? new Set<string>();
    // A phrase that needs a number or a partner word is shown with it ("biaya 25 juta", "paspor … disimpan"),
    // so the reason names what was asked.
    set.add(t.near || t.context?.with.length ? tokens.slice(...span).join(' ') : seen);
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
      // A typo keeps the first letter ("kamboya", "pasport"); a word that differs there is another word
      // ("galangan" is a shipyard, not "talangan").
      for (const word of index.fuzzy.get(fuzzyKey(token, len)) ?? []) {
        if (!withinOneEdit(token, word)) continue;
        for (const t of index.words.get(word) ?? []) hit(t, at, token);
      }
    }
  });
  // Multi-word phrases: where each occurs, found through its first word; then, phrase by phrase in file order,
  // its first occurrence that counts.
  const occurs = new Map<number, number[]>();
  tokens.forEach((token, at) => {
    for (const p of index.starts.get(token) ?? []) {
      const words = index.phrases[p]?.phrase.split(' ') ?? [];
      if (!words.every((w, k) => tokens[at + k] === w)) continue;
      const list = occurs.get(p) ?? [];
      list.push(at);
      occurs.set(p, list);
    }
  });
  for (const p of [...occurs.keys()].sort((a, b) => a - b)) {
    const t = index.phrases[p];
    if (t) for (const at of occurs.get(p) ?? []) if (hit(t, at, t.phrase)) break;
  }
  return found;
}
