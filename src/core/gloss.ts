import { pick, type Locale, type LocalizedText } from './locale.js';
import type { Engine } from './engine.js';
import type { EngineResult, OutboundMessage } from './message.js';

/** An acronym or official name and its plain-words explanation (content/glossary.yaml). */
export interface GlossTerm {
  readonly term: string;
  readonly gloss: LocalizedText;
  /** Phrases per locale that already explain the term. */
  readonly known: Readonly<Record<string, readonly string[]>>;
  /** Shorter terms this one explains too. */
  readonly covers: readonly string[];
}

/** Adds plain-words explanations of acronyms to rendered messages. */
export interface Glossary {
  /**
   * The message with each glossary term explained once: in brackets after its first use in the title
   * or body, unless the message already says what it is. Choice labels are left as they are.
   */
  explain(locale: Locale, message: OutboundMessage): OutboundMessage;
  /** Terms whose first use in this title and body is not explained (what `explain` would add). */
  unexplained(locale: Locale, text: string): string[];
}

const LINK = /https?:\/\//;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** What may not stand right before a term: it would be part of a longer word, a name or an address. */
const JOINED_BEFORE = /[\p{L}\p{N}.@-]/u;

/**
 * Terms already explained in a message: said in its own words, or explained earlier in it. Each
 * term is looked up only when the text uses it (most texts use none).
 */
class Explained {
  // Made on first use: most messages name no term.
  #added: Set<string> | undefined;
  #told: Map<string, boolean> | undefined;
  #lower: string | undefined;

  constructor(
    /** Each term with the phrases (lower case) that explain it. */
    private readonly explainers: ReadonlyMap<string, readonly string[]>,
    private readonly text: string,
  ) {}

  has(term: string): boolean {
    if (this.#added?.has(term)) return true;
    const told = (this.#told ??= new Map<string, boolean>());
    let yes = told.get(term);
    if (yes === undefined) {
      const low = (this.#lower ??= this.text.toLowerCase());
      yes = (this.explainers.get(term) ?? []).some((p) => low.includes(p));
      told.set(term, yes);
    }
    return yes;
  }

  add(term: string): void {
    (this.#added ??= new Set<string>()).add(term);
  }
}

/** True when the character before `at` joins a term there to a longer word ("xPMI", "a.PMI", "@PMI"). */
function joinedBefore(text: string, at: number): boolean {
  if (at === 0) return false;
  const last = text.charCodeAt(at - 1);
  // A letter outside the basic plane is two UTF-16 units: read the whole character.
  const pair = last >= 0xdc00 && last <= 0xdfff && at >= 2 && isHighSurrogate(text.charCodeAt(at - 2));
  return JOINED_BEFORE.test(pair ? text.slice(at - 2, at) : (text[at - 1] ?? ''));
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/**
 * Where the line of `text` holding index `at` starts. Lines end where `.` stops in a pattern: at \n,
 * \r, U+2028 and U+2029. Each break is searched for by the string's own search (a loop over the
 * characters took half a microsecond on a long line).
 */
function lineStart(text: string, at: number, breaks: readonly string[]): number {
  if (at === 0) return 0;
  let start = 0;
  for (const end of breaks) start = Math.max(start, text.lastIndexOf(end, at - 1) + 1);
  return start;
}

/** Where the line of `text` holding index `at` ends (its line break, or the end of the text). */
function lineEnd(text: string, at: number, breaks: readonly string[]): number {
  let end = text.length;
  for (const brk of breaks) {
    const found = text.indexOf(brk, at);
    if (found >= 0 && found < end) end = found;
  }
  return end;
}

const LINE_ENDS = ['\n', '\r', '\u2028', '\u2029'];
const NEWLINE = ['\n'];

/** The line breaks `text` has, of the four (most texts break lines with \n alone, if at all). */
const lineBreaksIn = (text: string): readonly string[] =>
  text.includes('\r') || text.includes('\u2028') || text.includes('\u2029')
    ? LINE_ENDS.filter((b) => text.includes(b))
    : NEWLINE;

/** True when a line names documents: it has a web address, or one of `words` ("Sumber:"). */
const isCited = (line: string, words: readonly string[]): boolean =>
  LINK.test(line) || words.some((w) => line.includes(w));

/** A title and body as `explain` made them for one locale and one title and body given. */
interface Explanation {
  readonly locale: Locale;
  /** The title given. */
  readonly given: string | undefined;
  /** The body given. */
  readonly text: string;
  readonly title: string | undefined;
  readonly body: string;
  /** False when nothing was added (the message is returned as it is). */
  readonly changed: boolean;
}

/** Explanations remembered per generation: texts in use are a few thousand menus and pages in six languages. */
const MEMO_EXPLANATIONS = 1000;
/** Explanations kept per fingerprint (a body's locales and titles, and bodies that share it); more are not kept. */
const MEMO_VARIANTS = 12;
/** Characters of a body read for its fingerprint. */
const FINGERPRINT_READS = 32;

/**
 * A body's length and FINGERPRINT_READS characters spread over it, as a number: a map keyed by the
 * body itself would hash all of it (a new string on every message), which took about as long as
 * explaining it; bodies with the same fingerprint are told apart by comparing them.
 */
function fingerprint(text: string): number {
  const n = text.length;
  const step = Math.max(1, Math.floor(n / FINGERPRINT_READS));
  let h = n;
  for (let i = 0; i < n; i += step) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/**
 * Explanations already made, by the body's fingerprint. Users are sent the same menus and pages again
 * and again, and explaining a text searches it for every term and, at a term, for every phrase that
 * explains it; an explanation depends only on the locale, title and body. Two generations bound the
 * memory: when the newer holds MEMO_EXPLANATIONS it becomes the older and the older is dropped, so
 * texts in use stay (a hit in the older moves to the newer) while one-off texts (a user's own words in
 * a summary) pass through. It belongs to one glossary: content loaded again builds a new glossary with
 * an empty memo.
 */
class ExplanationMemo {
  #newer = new Map<number, Explanation[]>();
  #older = new Map<number, Explanation[]>();
  /** Explanations in the newer generation. */
  #count = 0;

  /** The explanation of this locale, title and body: remembered, or made by `make` and remembered. */
  explanation(locale: Locale, title: string | undefined, body: string, make: () => Explanation): Explanation {
    const key = fingerprint(body);
    const known = this.#find(key);
    if (known)
      for (const e of known) if (e.text === body && e.locale === locale && e.given === title) return e;
    const e = make();
    if (!known) this.#keep(key, [e]);
    else if (known.length < MEMO_VARIANTS) {
      known.push(e);
      if (++this.#count >= MEMO_EXPLANATIONS) this.#age();
    }
    return e;
  }

  /** The explanations under `key`, moved to the newer generation if they were in the older. */
  #find(key: number): Explanation[] | undefined {
    const newer = this.#newer.get(key);
    if (newer) return newer;
    const older = this.#older.get(key);
    if (!older) return undefined;
    this.#older.delete(key);
    this.#keep(key, older);
    return older;
  }

  #keep(key: number, known: Explanation[]): void {
    if (this.#count + known.length > MEMO_EXPLANATIONS) this.#age();
    this.#newer.set(key, known);
    this.#count += known.length;
  }

  /** The newer generation becomes the older; the older is dropped. */
  #age(): void {
    this.#older = this.#newer;
    this.#newer = new Map();
    this.#count = 0;
  }
}

/** A glossary that explains nothing: for tests and tools that render without content. */
export const NO_GLOSSARY: Glossary = { explain: (_l, m) => m, unexplained: () => [] };

/**
 * `citations`: per locale, words that start a source line ("Sumber:"); such a line, like a line with a
 * web address, names documents and is left as written.
 */
export function createGlossary(
  terms: readonly GlossTerm[],
  citations: Readonly<Record<string, readonly string[]>> = {},
): Glossary {
  if (terms.length === 0) return NO_GLOSSARY;
  const byTerm = new Map(terms.map((t) => [t.term, t]));
  const sorted = [...terms].sort((a, b) => b.term.length - a.term.length);
  // The terms, longest first, not followed by a letter, a digit, "@" or a domain's dot; what stands
  // before a match is checked apart (`joinedBefore`): the search then looks only where a term starts.
  const pattern = new RegExp(
    `(?:${sorted.map((t) => escape(t.term)).join('|')})(?![\\p{L}\\p{N}@]|\\.[a-z])`,
    'gu',
  );

  /**
   * Per locale, each term with the phrases (lower case) that explain it: its own and those of the
   * longer terms that cover it ("KP2MI/BP2MI" explains "KP2MI"). Made once per locale.
   */
  const explainers = new Map<Locale, ReadonlyMap<string, readonly string[]>>();
  function explainersOf(locale: Locale): ReadonlyMap<string, readonly string[]> {
    const known = explainers.get(locale);
    if (known) return known;
    const byMarked = new Map<string, string[]>();
    for (const t of terms) {
      const phrases = [pick(t.gloss, locale), ...(t.known[locale] ?? t.known.id ?? [])].map((p) =>
        p.toLowerCase(),
      );
      for (const x of [t.term, ...t.covers]) byMarked.set(x, [...(byMarked.get(x) ?? []), ...phrases]);
    }
    explainers.set(locale, byMarked);
    return byMarked;
  }

  /** Terms `text` already explains in its own words, or that an explanation added before covers. */
  const explainedIn = (locale: Locale, text: string): Explained => new Explained(explainersOf(locale), text);

  /** The text with explanations added after first uses; `done` holds the terms already explained. */
  function gloss(locale: Locale, text: string, done: Explained, added: string[] | undefined): string {
    // A line with a web address or a source line is a citation or a link: explanations go in the prose.
    let out = '';
    let at = 0;
    // The line of the last term looked at, and whether it is a citation (most texts are a line or two).
    let line = { end: -1, cited: false };
    // The kinds of line break the text has, looked for at its first term.
    let breaks: readonly string[] | undefined;
    // One search object for every text (a turn explains its messages one after the other).
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (joinedBefore(text, m.index)) {
        // Part of a longer word here: a term may still start at the next character.
        pattern.lastIndex = m.index + 1;
        continue;
      }
      const term = byTerm.get(m[0]);
      if (!term || done.has(term.term)) continue;
      const end = m.index + m[0].length;
      if (m.index >= line.end) {
        // Terms are found left to right: one before the last line's end is on that line.
        breaks ??= lineBreaksIn(text);
        const end = lineEnd(text, m.index, breaks);
        const words = citations[locale] ?? citations.id ?? [];
        line = { end, cited: isCited(text.slice(lineStart(text, m.index, breaks), end), words) };
      }
      if (line.cited) continue;
      for (const x of [term.term, ...term.covers]) done.add(x);
      added?.push(term.term);
      const explanation = pick(term.gloss, locale);
      if (text[m.index - 1] === '(' && text[end] === ')') {
        // "(P3MI)" → "(P3MI, perusahaan …)"
        out += `${text.slice(at, end)}, ${explanation}`;
        at = end;
      } else if (text.startsWith(' (', end)) {
        // "KP2MI (gratis)" → "KP2MI (kementerian …; gratis)"
        out += `${text.slice(at, end + 2)}${explanation}; `;
        at = end + 2;
      } else {
        out += `${text.slice(at, end)} (${explanation})`;
        at = end;
      }
    }
    return at === 0 ? text : out + text.slice(at);
  }

  /** The title and body with each term explained once (terms the title explains are not explained again). */
  function explainText(locale: Locale, given: string | undefined, text: string): Explanation {
    const done = explainedIn(locale, `${given ?? ''}\n${text}`);
    const title = given === undefined ? undefined : gloss(locale, given, done, undefined);
    const body = gloss(locale, text, done, undefined);
    return { locale, given, text, title, body, changed: title !== given || body !== text };
  }

  const memo = new ExplanationMemo();
  return {
    explain(locale, message) {
      const { title: given, body: text } = message;
      const e = memo.explanation(locale, given, text, () => explainText(locale, given, text));
      if (!e.changed) return message;
      const { title, body } = e;
      return title === undefined ? { ...message, body } : { ...message, title, body };
    },
    unexplained(locale, text) {
      const added: string[] = [];
      gloss(locale, text, explainedIn(locale, text), added);
      return added;
    },
  };
}

/** The engine with every message it sends explained by the glossary (terms explained once per message). */
export function withGlossary(engine: Engine, glossary: Glossary): Engine {
  return { handle: (msg) => engine.handle(msg).then((result) => explainAll(glossary, result)) };
}

/** The result with its messages explained; the result itself when no message has a term to explain (most menus). */
function explainAll(glossary: Glossary, result: EngineResult): EngineResult {
  const messages = result.messages;
  let explained: OutboundMessage[] | undefined;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (!m) continue;
    const e = glossary.explain(result.locale, m);
    if (e !== m) (explained ??= messages.slice())[i] = e;
  }
  return explained ? { ...result, messages: explained } : result;
}
