import { foldForMatch } from './input.js';

/**
 * Words that pick a choice by its id wherever it is offered, beside its label and number: the chat
 * forms people type ("lewat fb", "grup WA", "ga tau", "ke sponsor"). Lists per locale in
 * `locales/<lng>/intents.json` (`choices`, and `fillers.words`: the small words around a short answer).
 */
export interface ChoiceWords {
  /**
   * The one choice among `ids` whose words a text names, or undefined when none or several do. A word
   * inside a longer one that another choice names does not count: "fb messenger" is Messenger, "gak
   * ada" is not "ada". Texts of more than `maxWords` words are no short answer and name nothing.
   */
  named(text: string, ids: readonly string[], maxWords?: number): string | undefined;
  /** True when a text is only the words of choice `id` and small words around them ("ke sponsor"). */
  only(text: string, id: string): boolean;
  /** A name as typed, without the small words before it ("ke PT Maju Jaya" → "PT Maju Jaya"). */
  nameIn(text: string): string;
}

/** Words a short answer has at most. */
export const MAX_ANSWER_WORDS = 12;

interface ChoiceLists {
  readonly choices?: Readonly<Record<string, readonly string[]>>;
  readonly fillers?: { readonly words?: readonly string[] };
}

/** The words of a text as they are compared: folded, "don't" one word, letters said thrice said once. */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const w of foldForMatch(text).replace(APOSTROPHE_IN_WORD, '$1$2').split(NOT_WORD)) {
    const word = w.replace(TRIPLED, '$1');
    if (word !== '') words.push(word);
  }
  return words;
}

// Letter classes in brackets: a build that keeps names (tsx) then compiles each pattern once.
const APOSTROPHE_IN_WORD = /([\p{L}])['\u2019]([\p{L}])/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/u;
const TRIPLED = /([\p{L}])\1{2,}/gu;

interface Found {
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

/** A phrase found inside a longer one of another choice ("fb" in "fb messenger") does not count. */
const inside = (found: readonly Found[], f: Found): boolean =>
  found.some(
    (g) => g.id !== f.id && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start,
  );

/** The places a phrase (a list of words) starts in `words`. */
function occurrences(words: readonly string[], phrase: readonly string[]): number[] {
  const starts: number[] = [];
  for (let i = 0; i + phrase.length <= words.length; i++) {
    let j = 0;
    while (j < phrase.length && words[i + j] === phrase[j]) j++;
    if (j === phrase.length) starts.push(i);
  }
  return starts;
}

/** Matches over the lists of every locale: a word of any locale picks its choice. */
export function createChoiceWords(lists: readonly ChoiceLists[]): ChoiceWords {
  const phrases = new Map<string, string[][]>();
  for (const l of lists) {
    for (const [id, words] of Object.entries(l.choices ?? {})) {
      const known = phrases.get(id) ?? [];
      for (const w of words) {
        const phrase = wordsOf(w);
        if (phrase.length > 0) known.push(phrase);
      }
      phrases.set(id, known);
    }
  }
  const fillers = new Set(lists.flatMap((l) => (l.fillers?.words ?? []).map((w) => foldForMatch(w))));
  return {
    named(text, ids, maxWords = MAX_ANSWER_WORDS) {
      const words = wordsOf(text);
      if (words.length === 0 || words.length > maxWords) return undefined;
      const found: Found[] = [];
      for (const id of ids) {
        for (const phrase of phrases.get(id) ?? [])
          for (const start of occurrences(words, phrase))
            found.push({ id, start, end: start + phrase.length });
      }
      const named = new Set(found.filter((f) => !inside(found, f)).map((f) => f.id));
      return named.size === 1 ? [...named][0] : undefined;
    },
    only(text, id) {
      const words = wordsOf(text);
      const covered = new Set<number>();
      for (const phrase of phrases.get(id) ?? [])
        for (const start of occurrences(words, phrase))
          for (let i = start; i < start + phrase.length; i++) covered.add(i);
      return words.every((w, i) => covered.has(i) || fillers.has(w));
    },
    nameIn(text) {
      const parts = text.trim().split(/\s+/);
      let i = 0;
      while (i < parts.length - 1 && fillers.has(foldForMatch(parts[i] ?? ''))) i++;
      return parts.slice(i).join(' ');
    },
  };
}
