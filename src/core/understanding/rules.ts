/**
 * A small pattern language for phrase lists that people who are not programmers can edit:
 *
 * - `dikurung` — one word; `kurung*` — any word starting with "kurung" ("kurungnya");
 * - `tidak boleh keluar` — words in a row; `dikurung|tidak boleh keluar` — alternatives;
 * - `majikan/bos meninggal` — a word with choices inside words in a row ("majikan meninggal", "bos meninggal");
 * - `#` — any number ("# bulan" reads "3 bulan");
 * - `paspor* + ditahan|disita|diambil` — parts joined by ` + ` must all occur, in any order, within
 *   a few words of each other ("paspornya masih ditahan", "ditahan paspor saya");
 * - `bayar & # jt & diblokir` — parts joined by ` & ` must all occur anywhere in the message (for
 *   the long stories of a few signs that belong together whatever lies between them).
 *
 * A match right after a negation ("tidak dikurung") does not count, unless the pattern itself starts
 * with a negation word.
 */
export interface Rule {
  readonly source: string;
  readonly parts: readonly Part[];
  /** How far apart its parts may start (RULE_WINDOW, or the whole message for ` & `). */
  readonly window: number;
}

/** Alternatives, each words in a row. */
type Part = readonly Phrase[];
type Phrase = readonly Word[];

interface Word {
  readonly word: string;
  readonly prefix: boolean;
}

/** Parts of one rule must start within this many words of each other. */
export const RULE_WINDOW = 10;

/** Words between a negation and what it negates ("tidak pernah", "belum sampai", "not even"). */
const FILLERS = new Set([
  'pernah',
  'sampai',
  'sampe',
  'juga',
  'lagi',
  'sih',
  'kok',
  'even',
  'ever',
  // "gak bakal ditahan paspor", "tidak akan dipukul": a promise that it will not happen.
  'bakal',
  'bakalan',
  'akan',
]);
const NEGATIONS = new Set(['tidak', 'bukan', 'belum', 'jangan', 'no', 'not', 'never', 'dont', 'didnt']);

export function parseRule(source: string, spellings: ReadonlyMap<string, string>): Rule {
  const parts = source
    .split(source.includes(' & ') ? ' & ' : ' + ')
    .map((part) =>
      part
        .split('|')
        // "majikan/bos meninggal": a word with choices stands for one phrase per choice.
        .flatMap((alt) =>
          alt
            .trim()
            .split(/\s+/)
            .filter(Boolean)
            .reduce<Word[][]>(
              (phrases, w) =>
                phrases.flatMap((p) => w.split('/').map((c) => [...p, ...wordsOf(c, spellings)])),
              [[]],
            ),
        )
        .filter((phrase) => phrase.length > 0),
    )
    .filter((p) => p.length > 0);
  if (parts.length === 0) throw new Error(`empty rule: "${source}"`);
  return { source, parts, window: source.includes(' & ') ? Infinity : RULE_WINDOW };
}

/** One word of a rule; a chat spelling in a rule reads as the word it stands for ("gak" → "tidak"). */
function wordsOf(w: string, spellings: ReadonlyMap<string, string>): Word[] {
  const prefix = w.endsWith('*');
  const word = (prefix ? w.slice(0, -1) : w).toLowerCase();
  if (prefix) return [{ word, prefix }];
  return (spellings.get(word) ?? word).split(' ').map((x) => ({ word: x, prefix: false }));
}

/** The first two letters of a word as one number (a map key that needs no new string). */
const twoLetters = (word: string): number => word.charCodeAt(0) * 0x10000 + word.charCodeAt(1);

const matchesWord = (w: Word, token: string): boolean =>
  w.prefix ? token.startsWith(w.word) : w.word === '#' ? isNumber(token) : token === w.word;

/**
 * True when the words of an entry's phrase after those its index key already matched follow at word
 * `i`, and the phrase is not negated there (`open`).
 */
function phraseAt(e: Entry, tokens: readonly string[], i: number, open: Uint8Array): boolean {
  const phrase = e.phrase;
  if (i + phrase.length > tokens.length) return false;
  for (let k = e.keyed; k < phrase.length; k++)
    if (!matchesWord(phrase[k] as Word, tokens[i + k] ?? '')) return false;
  // "tidak dikurung", "tidak pernah dikurung" do not count, unless the phrase itself says "tidak …".
  return e.negation || open[i] === 1;
}

/**
 * Per word, 1 when a phrase starting there is not negated by the words before it; written into
 * `open` (a new, longer array when it is too short), which is returned.
 */
function openPlaces(tokens: readonly string[], open: Uint8Array): Uint8Array {
  const out = open.length >= tokens.length ? open : new Uint8Array(tokens.length * 2);
  // Whether the word before and the one before that are negations (each word looked up once).
  let negatedBefore = false;
  let negatedTwoBefore = false;
  for (let i = 0; i < tokens.length; i++) {
    // "legit or not PT …", "sudah boleh belum umur segitu": "or not" after a word it asks about closes
    // a question; it negates nothing after it.
    if (negatedBefore && OR.has(tokens[i - 2] ?? '')) out[i] = 1;
    // "tidak dikurung", "tidak pernah dikurung": a negation right before, or before a filler word.
    else out[i] = negatedBefore || (negatedTwoBefore && FILLERS.has(tokens[i - 1] ?? '')) ? 0 : 1;
    negatedTwoBefore = negatedBefore;
    negatedBefore = NEGATIONS.has(tokens[i] ?? '');
  }
  return out;
}

const OR = new Set([
  'or',
  'atau',
  'apa',
  'boleh',
  'bisa',
  'perlu',
  'harus',
  'wajib',
  'aman',
  'resmi',
  'legal',
  'asli',
  'bener',
  'benar',
  'beneran',
]);

/** True when every part of the rule matches, all within its window. */
export function ruleMatches(rule: Rule, tokens: readonly string[]): boolean {
  return ruleSet([{ rule, value: true }]).any(tokens);
}

/**
 * The places of a part not seen (only in a rule too long for the quick test): one shared empty list,
 * never pushed to (a part's first place replaces it with a list of its own).
 */
const NO_PLACES: number[] = [];

/** True for a word of digits only ("30", "2024"). */
function isNumber(token: string): boolean {
  if (token === '') return false;
  for (let k = 0; k < token.length; k++) {
    const c = token.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Rules with what each stands for, indexed by the first word of every phrase (DESIGN §11: ≤ 0.5 ms a message). */
export interface RuleSet<T> {
  /** The values of the rules that match, in the order the rules were given. */
  matching(tokens: readonly string[]): T[];
  /** The same, each with the positions where its first part matched. */
  located(tokens: readonly string[]): { value: T; at: readonly number[] }[];
  /** True when any rule matches. */
  any(tokens: readonly string[]): boolean;
  /** The positions of the words that the phrases of matching rules cover ("majikan meninggal" → 2, 3). */
  cover(tokens: readonly string[]): Set<number>;
}

interface Entry {
  readonly rule: number;
  readonly parts: number;
  readonly part: number;
  readonly phrase: Phrase;
  /** The first word (a prefix for prefix entries). */
  readonly first: string;
  /** Words at the start of the phrase that finding the entry in its index already matched (1 or 2). */
  readonly keyed: number;
  /** The phrase starts with a negation word ("tidak boleh keluar"): a negation before it does not count. */
  readonly negation: boolean;
  /** Its part's bit among the parts seen (`partBit`), and every part's bits (-1: too many parts to tell). */
  readonly bit: number;
  readonly whole: number;
}

/**
 * Logs the entries of `list` whose phrase matches at word `i`; with `word` (the word at `i`), only the
 * prefix entries that word starts with.
 */
function collect(
  list: readonly Entry[] | undefined,
  tokens: readonly string[],
  i: number,
  open: Uint8Array,
  log: MatchLog,
  word?: string,
): void {
  if (list === undefined) return;
  for (const e of list) {
    if (word !== undefined && !word.startsWith(e.first)) continue;
    if (phraseAt(e, tokens, i, open)) log.add(e, i);
  }
}

/**
 * The phrases that matched in the message being read and where, in the order of the words; kept from
 * message to message (one is read at a time), so reading one allocates nothing here once grown.
 */
class MatchLog {
  count = 0;
  readonly entries: Entry[] = [];
  at = new Int32Array(64);
  /** The next entry of the same rule (a chain per rule through the log), -1 at its end. */
  next = new Int32Array(64);

  add(e: Entry, i: number): void {
    if (this.count === this.at.length) {
      const at = new Int32Array(this.at.length * 2);
      at.set(this.at);
      this.at = at;
      this.next = new Int32Array(at.length);
    }
    this.entries[this.count] = e;
    this.at[this.count++] = i;
  }
}

/** A rule part's bit in the parts seen (none past MASK_PARTS: such rules are not tested that way). */
const partBit = (part: number): number => (part < MASK_PARTS ? 1 << part : 0);

/** Parts a rule may have for the quick "every part was seen" test (a bit each); longer rules skip it. */
const MASK_PARTS = 30;

/** The bits of every part of a rule of `parts` parts; -1 for a rule too long for the test. */
const allParts = (parts: number): number => (parts > MASK_PARTS ? -1 : 2 ** parts - 1);

/** The rules a message has whole (by number, in order) and the start positions of each of their parts. */
interface Hits {
  readonly rules: readonly number[];
  readonly starts: readonly (readonly number[][])[];
}

/** Sorts the first `n` numbers of a list in place (insertion: a few rules per message, no copy made). */
function sortNumbers(list: number[], n: number): void {
  for (let k = 1; k < n; k++) {
    const x = list[k] ?? 0;
    let j = k - 1;
    while (j >= 0 && (list[j] ?? 0) > x) {
      list[j + 1] = list[j] ?? 0;
      j--;
    }
    list[j + 1] = x;
  }
}

/** The phrases that start with one word: found by it alone, and by it and the next word. */
interface ByFirstWord {
  exact: Entry[] | undefined;
  pairs: Map<string, Entry[]> | undefined;
}

/** Adds `entry` to the list under `key`. */
function file<K>(index: Map<K, Entry[]>, key: K, entry: Entry): void {
  const list = index.get(key);
  if (list) list.push(entry);
  else index.set(key, [entry]);
}

/**
 * Indexes rules so that a message is read once: each word looks up only the phrases that can start
 * with it (an exact word, a number, or one of the few prefixes), instead of every rule being tried.
 */
export function ruleSet<T>(items: readonly { readonly rule: Rule; readonly value: T }[]): RuleSet<T> {
  /**
   * By a phrase's first word: the phrases found by it alone, and those of two or more plain words by
   * their second ("tidak boleh": "tidak" alone starts hundreds). One look-up a word.
   */
  const byFirst = new Map<string, ByFirstWord>();
  const firstOf = (word: string): ByFirstWord => {
    let found = byFirst.get(word);
    if (found === undefined) {
      found = { exact: undefined, pairs: undefined };
      byFirst.set(word, found);
    }
    return found;
  };
  /** Phrases of a number and a plain word by that word ("# bulan"); the other number phrases. */
  const numberPairs = new Map<string, Entry[]>();
  const numbers: Entry[] = [];
  /** Prefix entries by their first two letters (a prefix of one letter is tried on every word). */
  const prefixes = new Map<number, Entry[]>();
  const shortPrefixes: Entry[] = [];
  items.forEach((item, r) =>
    item.rule.parts.forEach((part, p) => {
      for (const phrase of part) {
        const first = phrase[0];
        if (!first) continue;
        const second = phrase[1];
        const plainSecond = second !== undefined && !second.prefix && second.word !== '#';
        const entry: Entry = {
          rule: r,
          parts: item.rule.parts.length,
          part: p,
          phrase,
          first: first.word,
          // Pairs are found by their first two words; every other entry by its first word.
          keyed: plainSecond && !first.prefix ? 2 : 1,
          negation: NEGATIONS.has(first.word),
          bit: partBit(p),
          whole: allParts(item.rule.parts.length),
        };
        if (first.prefix && first.word.length < 2) shortPrefixes.push(entry);
        else if (first.prefix) file(prefixes, twoLetters(first.word), entry);
        else if (first.word === '#' && plainSecond) file(numberPairs, second.word, entry);
        else if (first.word === '#') numbers.push(entry);
        else if (plainSecond) {
          const found = firstOf(first.word);
          file((found.pairs ??= new Map<string, Entry[]>()), second.word, entry);
        } else (firstOf(first.word).exact ??= []).push(entry);
      }
    }),
  );
  /** The parts of each rule seen in the message being read, a bit each (rules by number). */
  const seenParts = new Int32Array(items.length);
  /** Per rule, the first and the last entry of its chain in the log (-1: none), while one message is read. */
  const first = new Int32Array(items.length).fill(-1);
  const last = new Int32Array(items.length);
  const log = new MatchLog();
  /** Per word of the message being read: not negated there (see `openPlaces`); grown when needed. */
  let open: Uint8Array = new Uint8Array(64);
  /** The rules seen whole in the message being read (the first `whole` of them). */
  const wholeRules: number[] = [];

  /**
   * The rules that have every part somewhere in the message (most rules a word wakes miss another
   * part), in the order the rules were given, with the start positions of each part; with `ends`,
   * also where each matched phrase ends (by rule, part and start).
   */
  function hits(tokens: readonly string[], ends?: Map<string, number>): Hits {
    log.count = 0;
    open = openPlaces(tokens, open);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] ?? '';
      const next = tokens[i + 1];
      const found = byFirst.get(token);
      if (found !== undefined) {
        collect(found.exact, tokens, i, open, log);
        if (next !== undefined) collect(found.pairs?.get(next), tokens, i, open, log);
      }
      if (isNumber(token)) {
        if (next !== undefined) collect(numberPairs.get(next), tokens, i, open, log);
        collect(numbers, tokens, i, open, log);
      }
      if (token.length >= 2) collect(prefixes.get(twoLetters(token)), tokens, i, open, log, token);
      collect(shortPrefixes, tokens, i, open, log, token);
    }
    const { entries, at, next } = log;
    for (let k = 0; k < log.count; k++) {
      const e = entries[k] as Entry;
      seenParts[e.rule] = (seenParts[e.rule] ?? 0) | e.bit;
    }
    // The entries of each rule seen whole, chained in the order of the words.
    let whole = 0;
    for (let k = 0; k < log.count; k++) {
      const e = entries[k] as Entry;
      if (e.whole !== -1 && seenParts[e.rule] !== e.whole) continue;
      if ((first[e.rule] ?? -1) < 0) {
        first[e.rule] = k;
        wholeRules[whole++] = e.rule;
      } else next[last[e.rule] ?? 0] = k;
      last[e.rule] = k;
      next[k] = -1;
    }
    for (let k = 0; k < log.count; k++) seenParts[(entries[k] as Entry).rule] = 0;
    // In the order the rules were given: their numbers, sorted as numbers.
    sortNumbers(wholeRules, whole);
    const order = wholeRules.slice(0, whole);
    const starts = new Array<number[][]>(whole);
    for (let w = 0; w < whole; w++) {
      const r = order[w] ?? 0;
      // Lists made at their size (a list grown from empty reserves room for 17): most hold one place.
      const lists = new Array<number[]>(items[r]?.rule.parts.length ?? 1).fill(NO_PLACES);
      for (let k = first[r] ?? -1; k >= 0; k = next[k] ?? -1) {
        const e = entries[k] as Entry;
        const i = at[k] ?? 0;
        const list = lists[e.part];
        if (list === undefined || list === NO_PLACES) lists[e.part] = [i];
        else if (list[list.length - 1] !== i) list.push(i);
        if (ends) {
          const key = `${r} ${e.part} ${i}`;
          ends.set(key, Math.max(ends.get(key) ?? 0, i + e.phrase.length));
        }
      }
      first[r] = -1;
      starts[w] = lists;
    }
    return { rules: order, starts };
  }

  const complete = (r: number, starts: readonly number[][]): boolean => {
    if (starts.length === 1) return (starts[0]?.length ?? 0) > 0;
    if (starts.some((s) => s.length === 0)) return false;
    const window = items[r]?.rule.window ?? RULE_WINDOW;
    return (starts[0] ?? []).some((anchor) =>
      starts.every((s, k) => k === 0 || s.some((x) => Math.abs(x - anchor) <= window)),
    );
  };

  function located(tokens: readonly string[]): { value: T; at: readonly number[] }[] {
    const out: { value: T; at: readonly number[] }[] = [];
    const found = hits(tokens);
    for (let k = 0; k < found.rules.length; k++) {
      const r = found.rules[k] ?? 0;
      const item = items[r];
      const starts = found.starts[k] ?? [];
      if (item && complete(r, starts)) out.push({ value: item.value, at: starts[0] ?? [] });
    }
    return out;
  }

  return {
    matching: (tokens) => located(tokens).map((m) => m.value),
    located,
    any(tokens) {
      const found = hits(tokens);
      return found.rules.some((r, k) => complete(r, found.starts[k] ?? []));
    },
    cover(tokens) {
      const ends = new Map<string, number>();
      const covered = new Set<number>();
      const found = hits(tokens, ends);
      for (let k = 0; k < found.rules.length; k++) {
        const r = found.rules[k] ?? 0;
        const starts = found.starts[k] ?? [];
        if (!complete(r, starts)) continue;
        starts.forEach((list, p) => {
          for (const i of list) for (let k = i; k < (ends.get(`${r} ${p} ${i}`) ?? i); k++) covered.add(k);
        });
      }
      return covered;
    },
  };
}
