/**
 * Words of a message in the form rules are written in: lower case, no diacritics, letters and digits
 * split apart ("30jt" → "30 jt"), letters repeated three times or more written once ("tolonggg"),
 * reduplication marks dropped ("anak2" → "anak"), and chat spellings written out ("sy" → "saya");
 * "G to G" → "gtog", "lapor diri" → "lapordiri", "ibu rumah tangga" → "irt", "don't" → "dont".
 */
export function tokensOf(text: string, spellings: ReadonlyMap<string, string>): string[] {
  // Plain ASCII (line breaks too) has no diacritics to take off, and its words are a-z and 0-9 only.
  const ascii = ASCII.test(text);
  const folded = ascii ? text.toLowerCase() : fold(text);
  const out: string[] = [];
  // Each pattern runs only on a text holding the word or mark it needs (most hold none).
  // "G to G", "g2g", "P to P": the scheme names as one word each ("gtog", "ptop", "gtop").
  const schemes = folded.includes('to') || folded.includes('2') ? folded.replace(SCHEME, '$1to$2') : folded;
  // "lapor diri" (registering with the embassy) is not "lapor" (reporting a recruiter).
  const registered =
    schemes.includes('lapor') || schemes.includes('report')
      ? schemes.replace(REGISTER_ABROAD, 'lapordiri')
      : schemes;
  // "ibu rumah tangga" (a housewife, "ibu2 rumah tangga" housewives) is no mother: the word "irt"
  // people also write for it.
  const housewife = registered.includes('rumah') ? registered.replace(HOUSEWIFE, 'irt') : registered;
  // "don't", "can't": one word.
  const joined = hasApostrophe(housewife) ? housewife.replace(APOSTROPHE_IN_WORD, '$1$2') : housewife;
  // A glottal stop written last ("ana'", Madurese for child) is its own spelling when the lists have one
  // written with q ("anaq"): not Javanese "ana" (there is).
  const glottal = hasApostrophe(joined) ? withGlottalStops(joined, spellings) : joined;
  for (const raw of glottal.split(ascii ? NOT_ASCII_WORD : NOT_WORD)) {
    if (raw === '') continue;
    // Most words are plain letters: only a letter written three times needs work ("tolonggg").
    const plain = plainLetters(raw);
    if (plain !== NOT_PLAIN) {
      pushWord(out, spellings, plain === TRIPLED_LETTER ? raw.replace(TRIPLED, '$1') : raw);
      continue;
    }
    // "bp2mi", "p3mi", "siskop2mi", "ak1" are names: kept whole. "30jt", "1thn" are a number and a unit.
    const parts = NAME_WITH_DIGITS.test(raw) ? [raw] : (raw.match(LETTERS_OR_DIGITS) ?? []);
    for (const part of parts)
      pushWord(out, spellings, part.replace(TRIPLED, '$1').replace(REDUPLICATED, '$1'));
  }
  return out;
}

const hasApostrophe = (text: string): boolean => text.includes("'") || text.includes('’');

/** Adds a word to `out`, written out when it is a chat spelling ("sy" → "saya"; "" drops it). */
function pushWord(out: string[], spellings: ReadonlyMap<string, string>, word: string): void {
  const spelled = spellings.get(word);
  if (spelled === undefined) out.push(word);
  else if (spelled !== '') for (const w of wordsOfSpelling(spelled)) out.push(w);
}

/**
 * The words of a chat spelling's written-out form ("yg" → "yang", "gpp" → "tidak apa apa"), split
 * once per form: the forms are the word lists' own, so the cache holds no more than the lists do.
 */
const spelledWords = new Map<string, readonly string[]>();
function wordsOfSpelling(spelled: string): readonly string[] {
  let words = spelledWords.get(spelled);
  if (words === undefined) {
    words = spelled.split(' ');
    spelledWords.set(spelled, words);
  }
  return words;
}

/** `plainLetters`: a word with anything but a to z, one of a to z only, one with a letter three times in a row. */
const NOT_PLAIN = 0;
const PLAIN_LETTERS = 1;
const TRIPLED_LETTER = 2;

/**
 * Whether a word is plain lower-case letters a to z, and if so whether a letter stands three times in a
 * row ("tolonggg"): one look at each character, for the words most messages are made of.
 */
function plainLetters(word: string): number {
  if (word.length === 0) return NOT_PLAIN;
  let run = 0;
  let tripled = false;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c < 97 || c > 122) return NOT_PLAIN;
    run = k > 0 && c === word.charCodeAt(k - 1) ? run + 1 : 1;
    if (run >= 3) tripled = true;
  }
  return tripled ? TRIPLED_LETTER : PLAIN_LETTERS;
}

/** "ana'" → "anaq" when "anaq" has a spelling; other final apostrophes are left to be dropped. */
function withGlottalStops(text: string, spellings: ReadonlyMap<string, string>): string {
  return text.replace(FINAL_APOSTROPHE, (m, word: string) => (spellings.has(`${word}q`) ? `${word}q` : m));
}

// Letter classes are written in brackets ("[\p{L}]") and other characters as escapes: a build that
// keeps the pattern as a literal then compiles it once, not on every call.
const SCHEME = /\b([gp])\s*(?:to|2)\s*([gp])\b/g;
const REGISTER_ABROAD = /\blapor\s+diri\b|\breport\s+(?:myself|yourself|himself|herself|themselves)\b/g;
/** "ibu rumah tangga", "ibu2 rumah tangga", "ibu-ibu rumahtangga": a housewife, housewives. */
const HOUSEWIFE = /\bibu(?:-?ibu|2)?\s+rumah\s*tangga\b/g;
const APOSTROPHE_IN_WORD = /([\p{L}])['\u2019]([\p{L}])/gu;
const FINAL_APOSTROPHE = /([\p{L}]+)['\u2019](?![\p{L}])/gu;
/** A letter written three times or more ("tolonggg"). */
const TRIPLED = /([\p{L}])\1{2,}/gu;
/** A reduplication mark at the end of a word ("anak2"). */
const REDUPLICATED = /([\p{L}]{2,})2$/u;
const LETTERS_OR_DIGITS = /[\p{L}]+2?|[\p{N}]+/gu;
const MARKS = /[\p{M}]/gu;

/** Printable ASCII, tabs and line breaks: folding is lower-casing. */
const ASCII = /^[\t\n\r\x20-\x7e]*$/;
/** What lies between words; in lower-cased ASCII text, anything but a-z and 0-9. */
const NOT_WORD = /[^\p{L}\p{N}]+/u;
const NOT_ASCII_WORD = /[^a-z0-9]+/;

/** Letters, digits, maybe letters — and not a reduplication like "anak2". */
const NAME_WITH_DIGITS = /^(?!\p{L}{2,}2$)\p{L}+\p{N}+\p{L}*$/u;

const fold = (text: string): string => text.normalize('NFKD').replace(MARKS, '').toLowerCase();
