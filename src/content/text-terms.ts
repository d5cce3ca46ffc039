/**
 * Term processing for full-text search in Indonesian and English: lower case, no diacritics,
 * common function words dropped, and the Indonesian clitics -nya/-lah/-kah cut off.
 */
const STOP_WORDS = new Set(
  (
    'yang dan di ke dari untuk dengan ini itu atau juga ada adalah akan pada saya aku kamu anda apa apakah ' +
    'bagaimana gimana gmn cara mau ingin bisa tidak gak ga nggak enggak sudah udah belum dong sih ya kah ' +
    'the a an and or of to in on for is are be can how what i my me you your do does with about'
  ).split(' '),
);

export function processTerm(term: string): string | null {
  const t = term
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
  if (t.length < 2 || STOP_WORDS.has(t)) return null;
  const stem = t.length > 5 ? t.replace(/(nya|lah|kah)$/u, '') : t;
  return stem;
}

/** Splits on anything that is not a letter or digit. */
export const tokenize = (text: string): string[] => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
