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
function phraseAt(e: Entry, tokens: readonly string[], i: number, open: readonly boolean[]): boolean {
  const phrase = e.phrase;
  if (i + phrase.length > tokens.length) return false;
  for (let k = e.keyed; k < phrase.length; k++)
    if (!matchesWord(phrase[k] as Word, tokens[i + k] ?? '')) return false;
  // "tidak dikurung", "tidak pernah dikurung" do not count, unless the phrase itself says "tidak …".
  return e.negation || open[i] === true;
}

/** Per word: a phrase starting there is not negated by the words before it. */
function openPlaces(tokens: readonly string[]): boolean[] {
  const open: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const before = tokens[i - 1];
    // "legit or not PT …", "sudah boleh belum umur segitu": "or not" after a word it asks about closes
    // a question; it negates nothing after it.
    if (before !== undefined && NEGATIONS.has(before) && OR.has(tokens[i - 2] ?? '')) open.push(true);
    else {
      const twoBefore = before !== undefined && FILLERS.has(before) ? tokens[i - 2] : undefined;
      open.push(!NEGATIONS.has(before ?? '') && !NEGATIONS.has(twoBefore ?? ''));
    }
  }
  return open;
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

/** `n` new empty lists. */
function emptyLists(n: number): number[][] {
  const lists: number[][] = [];
  for (let k = 0; k < n; k++) lists.push([]);
  return lists;
}

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
 * Adds to `matched` (and their place to `at`) the entries of `list` whose phrase matches at word `i`;
 * with `word` (the word at `i`), only the prefix entries that word starts with.
 */
function collect(
  list: readonly Entry[] | undefined,
  tokens: readonly string[],
  i: number,
  open: readonly boolean[],
  matched: Entry[],
  at: number[],
  word?: string,
): void {
  if (list === undefined) return;
  for (const e of list) {
    if (word !== undefined && !word.startsWith(e.first)) continue;
    if (!phraseAt(e, tokens, i, open)) continue;
    matched.push(e);
    at.push(i);
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
  readonly rules: Int32Array;
  readonly starts: readonly (readonly number[][])[];
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
  const exact = new Map<string, Entry[]>();
  /** Phrases of two or more plain words by their first two ("tidak boleh"): "tidak" alone starts hundreds. */
  const pairs = new Map<string, Map<string, Entry[]>>();
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
          const index = pairs.get(first.word) ?? new Map<string, Entry[]>();
          pairs.set(first.word, index);
          file(index, second.word, entry);
        } else file(exact, first.word, entry);
      }
    }),
  );
  /** The parts of each rule seen in the message being read, a bit each (rules by number). */
  const seenParts = new Int32Array(items.length);
  /** Each rule's place in the list being made of the rules a message has whole (-1: none yet). */
  const slotOf = new Int32Array(items.length).fill(-1);
  // Lists reused from message to message (one message is read at a time): what matched, and where.
  const matched: Entry[] = [];
  const at: number[] = [];

  /**
   * The rules that have every part somewhere in the message (most rules a word wakes miss another
   * part), in the order the rules were given, with the start positions of each part; with `ends`,
   * also where each matched phrase ends (by rule, part and start).
   */
  function hits(tokens: readonly string[], ends?: Map<string, number>): Hits {
    matched.length = 0;
    at.length = 0;
    const open = openPlaces(tokens);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] ?? '';
      const next = tokens[i + 1];
      collect(exact.get(token), tokens, i, open, matched, at);
      if (next !== undefined) collect(pairs.get(token)?.get(next), tokens, i, open, matched, at);
      if (isNumber(token)) {
        if (next !== undefined) collect(numberPairs.get(next), tokens, i, open, matched, at);
        collect(numbers, tokens, i, open, matched, at);
      }
      if (token.length >= 2) collect(prefixes.get(twoLetters(token)), tokens, i, open, matched, at, token);
      collect(shortPrefixes, tokens, i, open, matched, at, token);
    }
    for (const e of matched) seenParts[e.rule] = (seenParts[e.rule] ?? 0) | e.bit;
    const rules: number[] = [];
    const lists: number[][][] = [];
    for (let k = 0; k < matched.length; k++) {
      const e = matched[k] as Entry;
      if (e.whole !== -1 && seenParts[e.rule] !== e.whole) continue;
      const i = at[k] ?? 0;
      let slot = slotOf[e.rule] ?? -1;
      if (slot < 0) {
        slot = rules.length;
        slotOf[e.rule] = slot;
        rules.push(e.rule);
        lists.push(emptyLists(e.parts));
      }
      const starts = lists[slot]?.[e.part];
      if (starts && starts[starts.length - 1] !== i) starts.push(i);
      if (ends) {
        const key = `${e.rule} ${e.part} ${i}`;
        ends.set(key, Math.max(ends.get(key) ?? 0, i + e.phrase.length));
      }
    }
    for (const e of matched) seenParts[e.rule] = 0;
    // In the order the rules were given: their numbers, sorted as numbers.
    const order = Int32Array.from(rules).sort();
    const starts: number[][][] = [];
    for (const r of order) starts.push(lists[slotOf[r] ?? 0] ?? []);
    for (const r of rules) slotOf[r] = -1;
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
