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

/** Lower-case form used to compare with words and labels: no diacritics, no punctuation at the ends. */
export function foldForMatch(text: string): string {
  // Plain printable ASCII has no diacritics to take off.
  return (PRINTABLE_ASCII.test(text) ? text : text.normalize('NFKD').replace(/\p{M}/gu, ''))
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/\s+/g, ' ');
}
