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
  return foldForMatch(text)
    .replace(/(\p{L})['’](\p{L})/gu, '$1$2')
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.replace(/(\p{L})\1{2,}/gu, '$1'))
    .filter(Boolean);
}

/** Every place a phrase (a list of words) occurs in `words`, as [start, end). */
function* occurrences(words: readonly string[], phrase: readonly string[]): Generator<[number, number]> {
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((p, j) => words[i + j] === p)) yield [i, i + phrase.length];
  }
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
      const found: { id: string; start: number; end: number }[] = [];
      for (const id of ids) {
        for (const phrase of phrases.get(id) ?? [])
          for (const [start, end] of occurrences(words, phrase)) found.push({ id, start, end });
      }
      const inside = (f: (typeof found)[number]) =>
        found.some(
          (g) => g.id !== f.id && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start,
        );
      const named = new Set(found.filter((f) => !inside(f)).map((f) => f.id));
      return named.size === 1 ? [...named][0] : undefined;
    },
    only(text, id) {
      const words = wordsOf(text);
      const covered = new Set<number>();
      for (const phrase of phrases.get(id) ?? [])
        for (const [start, end] of occurrences(words, phrase))
          for (let i = start; i < end; i++) covered.add(i);
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
