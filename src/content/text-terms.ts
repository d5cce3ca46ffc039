/**
 * Term processing for full-text search in Indonesian and English: lower case, no diacritics,
 * common function words dropped, and the Indonesian clitics -nya/-lah/-kah cut off.
 */
const STOP_WORDS = new Set(
  (
    'yang dan di ke dari untuk dengan ini itu atau juga ada adalah akan pada saya aku kamu anda apa apakah ' +
    'bagaimana gimana gmn cara mau ingin bisa tidak gak ga nggak enggak sudah udah belum dong sih ya kah nya deh kok ' +
    'lanjut sebelumnya kembali oke ok next previous back ' +
    'pak bu kak mas mbak min admin tanya nanya aja saja tolong mohon sama nih ' +
    'the a an and or of to in on for is are be can how what i my me you your do does with about'
  ).split(' '),
);

/** Lower case without diacritics: "Désa" → "desa". */
export const foldText = (text: string): string => text.normalize('NFKD').replace(MARKS, '').toLowerCase();

/** The folded words of a text, split on anything that is not a letter or digit. */
export const foldedWords = (text: string): string[] => foldText(text).split(NOT_WORD).filter(Boolean);

// Compiled once (a build that keeps names, as tsx, would compile a bare \p{M} again on every call).
const MARKS = /[\p{M}]/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** Printable ASCII: folding it is lower-casing it. */
const ASCII = /^[\x20-\x7e]*$/;

export function processTerm(term: string): string | null {
  const t = ASCII.test(term) ? term.toLowerCase() : foldText(term);
  if (t.length < 2 || STOP_WORDS.has(t)) return null;
  // The clitics -nya, -lah and -kah cut off the end of a longer word.
  return t.length > 5 && (t.endsWith('nya') || t.endsWith('lah') || t.endsWith('kah')) ? t.slice(0, -3) : t;
}

/** Splits on anything that is not a letter or digit. */
export const tokenize = (text: string): string[] => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** True when `a` and `b` differ by at most one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
