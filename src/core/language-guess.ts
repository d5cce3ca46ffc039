import { foldForMatch } from './input.js';
import type { RegionalLocale } from './locale.js';

/** Words only one regional language uses, per language (`locales/<lng>/markers.json`). */
export type LanguageMarkers = Readonly<Partial<Record<RegionalLocale, readonly string[]>>>;

/** Marker words a message needs before it is taken as written in that language. */
const MIN_MARKERS = 2;
/** What stands between the words of a message; text without it is one word. */
const WORD_BREAKS = /[^\p{L}\p{N}']+/u;
const BETWEEN_WORDS = /[^\p{L}\p{N}']/u;
const ASCII_WORD_BREAKS = /[^A-Za-z0-9']+/;
const APOSTROPHES = /'/g;
/** Text of ASCII characters only (control characters included: they are neither letters nor digits). */
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Guesses which regional language a short chat message is written in, by its marker words: at least
 * two of one language and more than of any other. Undefined for Indonesian, English, or too little
 * to tell; the guess only ever makes the bot *offer* the language, never switch by itself.
 */
export function createLanguageGuesser(
  markers: LanguageMarkers,
): (text: string) => RegionalLocale | undefined {
  const owner = new Map<string, RegionalLocale | null>();
  for (const [locale, words] of Object.entries(markers) as [RegionalLocale, readonly string[]][]) {
    for (const w of words) {
      const word = foldForMatch(w).replace(/[^\p{L}\p{N}]+/gu, '');
      // A word two languages share tells nothing.
      owner.set(word, owner.has(word) && owner.get(word) !== locale ? null : locale);
    }
  }
  return (text) => {
    const folded = foldForMatch(text);
    // One word ("ya", "lanjut", "2": most messages at a step) cannot hold MIN_MARKERS (two) markers.
    if (!BETWEEN_WORDS.test(folded)) return undefined;
    const counts = new Map<RegionalLocale, number>();
    // In ASCII text, letters and digits are A-Z, a-z and 0-9: a pattern that needs no Unicode tables.
    for (const word of folded.split(ASCII.test(folded) ? ASCII_WORD_BREAKS : WORD_BREAKS)) {
      const locale = owner.get(word.includes("'") ? word.replace(APOSTROPHES, '') : word);
      if (locale) counts.set(locale, (counts.get(locale) ?? 0) + 1);
    }
    let best: RegionalLocale | undefined;
    let top = 0;
    let second = 0;
    for (const [locale, n] of counts) {
      if (n > top) [best, top, second] = [locale, n, top];
      else if (n > second) second = n;
    }
    return best !== undefined && top >= MIN_MARKERS && top > second ? best : undefined;
  };
}
