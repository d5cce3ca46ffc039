/** The longest text a flow receives; longer messages are cut (the user is told). */
export const MAX_TEXT_LENGTH = 4000;

// C0/C1 controls except tab and newline, zero-width and bidi-control characters, BOM, and half
// surrogate pairs (from a sender, or from the first cut of a long text): stored or sent on, a lone
// surrogate turns into U+FFFD or makes an API refuse the text.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uD800-\uDFFF]/gu;

export interface CleanText {
  readonly text: string;
  readonly truncated: boolean;
}

/**
 * Makes user text safe to handle: Unicode-normalised (NFKC turns full-width digits into digits),
 * invisible and control characters removed, whitespace trimmed, and capped at MAX_TEXT_LENGTH.
 */
export function cleanText(raw: string): CleanText {
  const head = raw.length > MAX_TEXT_LENGTH * 2 ? raw.slice(0, MAX_TEXT_LENGTH * 2) : raw;
  // Plain printable ASCII (most messages) needs no Unicode work.
  const text = (PRINTABLE_ASCII.test(head) ? head : head.normalize('NFKC').replace(INVISIBLE, ''))
    .replace(/[ \t]+/g, ' ')
    .trim();
  // Code points never outnumber UTF-16 units: only a long text needs counting.
  if (text.length <= MAX_TEXT_LENGTH) return { text, truncated: raw.length > head.length };
  const cut = Array.from(text);
  if (cut.length <= MAX_TEXT_LENGTH) return { text, truncated: raw.length > head.length };
  return { text: cut.slice(0, MAX_TEXT_LENGTH).join(''), truncated: true };
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The last text folded and its folded form: one message is folded for the global words, the yes/no
 * words, navigation, the choices and the menu's words in turn. Only the last text is kept; the next
 * one replaces it.
 */
let lastFolded: { readonly text: string; readonly folded: string } | undefined;

/** Lower-case form used to compare with words and labels: no diacritics, no punctuation at the ends. */
export function foldForMatch(text: string): string {
  if (lastFolded?.text === text) return lastFolded.folded;
  // Plain printable ASCII has no diacritics to take off.
  const folded = (PRINTABLE_ASCII.test(text) ? text : text.normalize('NFKD').replace(MARKS, ''))
    .toLowerCase()
    .replace(PUNCTUATION_AT_ENDS, '')
    .replace(WHITE_SPACE, ' ');
  lastFolded = { text, folded };
  return folded;
}

const MARKS = /[\p{M}]/gu;
const PUNCTUATION_AT_ENDS = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
const WHITE_SPACE = /\s+/g;

/**
 * How many words a text has, apart by white space: what `text.trim().split(/\s+/).length` counts (1
 * for a text of no words), without making the list.
 */
export function countWords(text: string): number {
  let words = 1;
  let started = false;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    if (isWhiteSpace(text.charCodeAt(i))) space = true;
    else {
      if (space && started) words++;
      started = true;
      space = false;
    }
  }
  return words;
}

/** The characters `\s` matches (and `trim` removes): ASCII white space, line breaks and Unicode spaces. */
function isWhiteSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
