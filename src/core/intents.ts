import { createChoiceWords, type ChoiceWords } from './choice-words.js';
import { foldForMatch } from './input.js';
import { isLocale, type Locale } from './locale.js';
import { REPORT_CODE_ALPHABET } from './report.js';

/** Words that work at any step, whatever flow is running. */
export const GLOBAL_WORDS = ['menu', 'help', 'language', 'cancel', 'stop', 'sos'] as const;
export type GlobalWord = (typeof GLOBAL_WORDS)[number];

/** A word, then a report code (with or without "R-"), then anything. */
const REPORT_COMMAND = /^\s*\/?(\p{L}+)\s+(r)(\s*[-–.]\s*|\s*)([a-z0-9]{6})\b[\s:,.-]*([\s\S]*)$/iu;

/**
 * A report code in its real shape: a dash after the R, or a digit, or capitals of the code's letters —
 * so "lihat rumahku" is not read as "lihat R-UMAHKU".
 */
export function isCodeShaped(r: string, separator: string, code: string): boolean {
  const upper = code.toUpperCase();
  // A mistyped code ("R-3HZ9PA") is still a code: the status screen says it does not exist.
  if (/[-–.]/.test(separator) || /\d/.test(code)) return true;
  return r === 'R' && code === upper && upper.split('').every((c) => REPORT_CODE_ALPHABET.includes(c));
}

/** Keyword lists of one locale, from `locales/<lng>/intents.json`. */
export interface IntentLists {
  readonly global: Readonly<Record<GlobalWord, readonly string[]>>;
  /** Intent name (a menu entry id) → words and short phrases that point to it. */
  readonly intents: Readonly<Record<string, readonly string[]>>;
  /** Words that answer a yes/no question. */
  readonly answers: Readonly<Record<YesNo, readonly string[]>>;
  /** "lanjut"/"next", "kembali"/"back": page through and go back on any screen. */
  readonly navigation: Readonly<Record<Navigation, readonly string[]>>;
  /** Whole messages that switch the language and stay on the screen ("english", "bahasa indonesia"). */
  readonly switchTo: Readonly<Record<string, readonly string[]>>;
  /** Words that start a command about one report, at any step: "terima R-7KQ4MX". */
  readonly actions: Readonly<Record<ReportCommand, readonly string[]>>;
  /** Choice id → the chat forms that pick it ("fb", "grup wa", "ga tau"): see `ChoiceWords`. */
  readonly choices: Readonly<Record<string, readonly string[]>>;
  /** Small words around a short answer ("lewat", "ke", "via"), kept out of a name typed with it. */
  readonly fillers: { readonly words: readonly string[] };
}

/** Commands on one report: officers' actions and the reporter's answer. */
export const REPORT_COMMANDS = ['ack', 'resolve', 'note', 'ask', 'show', 'answer'] as const;
export type ReportCommand = (typeof REPORT_COMMANDS)[number];

/** "terima R-7KQ4MX", "catatan r7kq4mx sudah didatangi": the command, the report code and the rest. */
export interface ReportCommandMatch {
  readonly command: ReportCommand;
  readonly code: string;
  readonly rest: string;
}

export type YesNo = 'yes' | 'no';
export type Navigation = 'next' | 'back';

export interface IntentMatcher {
  /** A global word, when the whole message is one. */
  global(text: string): GlobalWord | undefined;
  /** The intent whose keywords occur most often in the message. */
  intent(text: string): string | undefined;
  /** A command word followed by a report code. */
  reportCommand(text: string): ReportCommandMatch | undefined;
  /** "ya", "sudah", "belum", "no", … as a yes/no answer. */
  answer(text: string): YesNo | undefined;
  navigation(text: string): Navigation | undefined;
  /** The language a whole message asks to switch to. */
  switchTo(text: string): Locale | undefined;
  /** The chat forms of choices, for the steps that read them. */
  readonly choices: ChoiceWords;
}

/**
 * Adds each word of a list to `into` under its key. The first list that names a word keeps it: the
 * lists come in LOCALES order, so a regional word can never take an Indonesian word's meaning.
 */
function addWords<K extends string>(
  into: Map<string, K>,
  lists: readonly Partial<IntentLists>[],
  section: (l: Partial<IntentLists>) => Readonly<Partial<Record<K, readonly string[]>>> | undefined,
  keys: readonly K[],
  fold: (w: string) => string = foldForMatch,
): Map<string, K> {
  for (const l of lists) {
    const words = section(l);
    for (const key of keys)
      for (const w of words?.[key] ?? []) if (!into.has(fold(w))) into.set(fold(w), key);
  }
  return into;
}

/**
 * Builds a matcher over the lists of every locale: a word of any locale is understood. A regional
 * locale's file may hold only some sections (global words, yes/no, navigation).
 */
export function createIntentMatcher(lists: readonly Partial<IntentLists>[]): IntentMatcher {
  const globals = addWords(new Map<string, GlobalWord>(), lists, (l) => l.global, GLOBAL_WORDS);
  const answers = addWords(new Map<string, YesNo>(), lists, (l) => l.answers, ['yes', 'no']);
  const commands = addWords(new Map<string, ReportCommand>(), lists, (l) => l.actions, REPORT_COMMANDS);
  const navigation = addWords(new Map<string, Navigation>(), lists, (l) => l.navigation, ['next', 'back']);
  const switchTo = new Map<string, Locale>();
  for (const l of lists) {
    for (const [locale, words] of Object.entries(l.switchTo ?? {})) {
      if (isLocale(locale))
        for (const w of words) if (!switchTo.has(foldForMatch(w))) switchTo.set(foldForMatch(w), locale);
    }
  }
  const keywords: Keyword[] = [];
  for (const l of lists) {
    for (const [intent, words] of Object.entries(l.intents ?? {})) {
      for (const w of words) {
        const word = foldForMatch(w);
        keywords.push({ intent, word, phrase: word.includes(' '), padded: ` ${word} ` });
      }
    }
  }
  const keywordIndex = indexKeywords(keywords);
  return {
    global: (text) => globals.get(foldForMatch(text)),
    reportCommand(text) {
      const m = REPORT_COMMAND.exec(text);
      if (!m?.[1] || !m[2] || !m[4] || !isCodeShaped(m[2], m[3] ?? '', m[4])) return undefined;
      const command = commands.get(foldForMatch(m[1]));
      return command ? { command, code: `R-${m[4].toUpperCase()}`, rest: (m[5] ?? '').trim() } : undefined;
    },
    answer: (text) => answers.get(foldForMatch(text).replace(TRIPLED, '$1')),
    navigation: (text) => navigation.get(foldForMatch(text)),
    switchTo: (text) => switchTo.get(foldForMatch(text)),
    choices: createChoiceWords(lists),
    intent(text) {
      const words = foldForMatch(text);
      // In ASCII text, letters and digits are A-Z, a-z and 0-9: a pattern that needs no Unicode tables.
      const folded = ` ${words.replace(ASCII.test(words) ? NOT_ASCII_ALNUM : NOT_ALNUM, ' ')} `;
      const scores = new Map<string, number>();
      for (const k of keywordIndex.found(folded))
        scores.set(k.intent, (scores.get(k.intent) ?? 0) + (k.phrase ? 2 : 1));
      let best: string | undefined;
      let bestScore = 0;
      for (const [intent, score] of scores) {
        if (score > bestScore) [best, bestScore] = [intent, score];
      }
      return best;
    },
  };
}

interface Keyword {
  readonly intent: string;
  readonly word: string;
  readonly phrase: boolean;
  /** The word with a space each side, as it stands in a padded message. */
  readonly padded: string;
}

/**
 * The keywords a message holds, in list order, without trying each one: a keyword of letters and
 * digits only is one of the message's words (looked up); a phrase is searched for only when the
 * message has its first word.
 */
function indexKeywords(keywords: readonly Keyword[]): { found(padded: string): Keyword[] } {
  /** By word: the keywords that are that word, and the phrases that start with it (one look-up a word). */
  const byWord = new Map<string, { whole: number[]; starting: number[] }>();
  const searched: number[] = [];
  const at = (word: string) => {
    let lists = byWord.get(word);
    if (lists === undefined) {
      lists = { whole: [], starting: [] };
      byWord.set(word, lists);
    }
    return lists;
  };
  keywords.forEach((k, i) => {
    const first = k.word.split(' ')[0] ?? '';
    if (ALNUM.test(k.word)) at(k.word).whole.push(i);
    else if (ALNUM.test(first)) at(first).starting.push(i);
    else searched.push(i);
  });
  /**
   * The message each keyword was last looked at for (`message` counts them): a word said twice
   * looks its keywords up once, with no set of the message's words made.
   */
  const lookedAt = new Int32Array(keywords.length);
  let message = 0;
  return {
    /** `padded`: the folded message, words apart by single spaces, a space at each end. */
    found(padded) {
      message = message === 0x7fffffff ? 1 : message + 1;
      if (message === 1) lookedAt.fill(0);
      const hits: number[] = [];
      for (const i of searched) if (padded.includes(keywords[i]?.padded ?? '')) hits.push(i);
      for (const word of padded.split(' ')) {
        const lists = byWord.get(word);
        if (lists === undefined) continue;
        for (const i of lists.whole) {
          if (lookedAt[i] === message) continue;
          lookedAt[i] = message;
          hits.push(i);
        }
        for (const i of lists.starting) {
          if (lookedAt[i] === message) continue;
          lookedAt[i] = message;
          if (padded.includes(keywords[i]?.padded ?? '')) hits.push(i);
        }
      }
      hits.sort((a, b) => a - b);
      const out: Keyword[] = [];
      for (const i of hits) {
        const k = keywords[i];
        if (k) out.push(k);
      }
      return out;
    },
  };
}

const ALNUM = /^[\p{L}\p{N}]+$/u;
/** A letter written three times or more ("yaaa"). */
const TRIPLED = /([\p{L}])\1{2,}/gu;
const NOT_ALNUM = /[^\p{L}\p{N}]+/gu;
const NOT_ASCII_ALNUM = /[^A-Za-z0-9]+/g;
/** Text of ASCII characters only (control characters included: they are neither letters nor digits). */
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;
