/**
 * What follows (or precedes) a phrase in the scanned words: a sum of money that is not pay, or an age
 * below 18. Works on the normalised words of `normalizeForScan` ("Rp 25.000.000" → `rp 25 000 000`,
 * "25jt" → `25jt`, "16-25 th" → `16 25 th`). These are number grammar, not phrase lists: the phrases
 * that ask for them live in content/warnings/scan.yaml (`near`). Where an amount is: `amountAt` (money.ts).
 */
import { PAY_WORDS, PERIOD, amountAt } from './money.js';

/** Words right after an amount that say it is covered ("biaya 25 juta ditanggung", "… gratis"). */
const COVERED = new Set('ditanggung ditanggungkan covered gratis free'.split(' '));
/** Words that may stand between an amount and the word that says it is covered ("… sudah ditanggung"). */
const COVER_LINKS = new Set('sudah akan semua full itu is are will be all fully'.split(' '));
/** Who else may pay an amount ("… dibayar oleh majikan", "… paid by the employer"). */
const OTHER_PAYERS = new Set('majikan employer perusahaan company pemberi'.split(' '));
/** Words between an amount and the one who pays it. */
const PAID_BY = new Set('dibayar dibayarkan ditanggung paid covered by oleh ku'.split(' '));

/** True when the words after an amount say someone else pays it; "dibayar"/"paid" alone do not. */
function paidByOthers(after: readonly string[]): boolean {
  // "25 juta ditanggung", "25 juta sudah ditanggung"; not "15 juta, tiket ditanggung" (another item is covered).
  if (COVERED.has(after[0] ?? '') || (COVER_LINKS.has(after[0] ?? '') && COVERED.has(after[1] ?? '')))
    return true;
  const payer = after.findIndex((x) => OTHER_PAYERS.has(x));
  return payer === 0 || (payer > 0 && after.slice(0, payer).every((x) => PAID_BY.has(x) || x === 'the'));
}

/** Words just before a fee word that make it someone else's cost ("majikan menanggung biaya …"). */
const EMPLOYER_PAYS = new Set('menanggung membayarkan covers pays'.split(' '));
/** How many words after a fee word an amount may come ("biaya proses dan medical 5jt"). */
const AMOUNT_WINDOW = 5;

/**
 * Where an amount that is not pay ends, when one comes within a few words after `end` (the word after a
 * fee word); -1 when none does.
 */
export function feeAmountAfter(words: readonly string[], end: number, start = end): number {
  // "majikan menanggung biaya 15 juta": the employer pays it; "gaji total 25 juta": pay.
  if (words.slice(Math.max(0, start - 2), start).some((x) => EMPLOYER_PAYS.has(x))) return -1;
  if (PAY_WORDS.has(words[start - 1] ?? '')) return -1;
  for (let i = end; i < Math.min(words.length, end + AMOUNT_WINDOW); i++) {
    const w = words[i] ?? '';
    if (PAY_WORDS.has(w)) return -1;
    const length = amountAt(words, i);
    if (length > 0) {
      const after = words.slice(i + length, i + length + 4);
      return after.slice(0, 2).some((x) => PERIOD.has(x)) || paidByOthers(after) ? -1 : i + length;
    }
  }
  return -1;
}

const AGE_MIN = 10;
const ADULT = 18;
/** Words that may stand between an age word and its number ("usia min 17", "umur antara 16 dan 25"). */
const AGE_LINKS = new Set(
  'min minimal minimum mulai dari antara range from between of ke sekitar'.split(' '),
);

const ageOf = (w: string | undefined): number | undefined => {
  const m = /^(\d{1,2})(?:th|thn|tahun|an|yo|y)?$/.exec(w ?? '');
  return m ? Number(m[1]) : undefined;
};

/** Where the age ends when the first number after an age word (`end` = the word after it) is below 18; else -1. */
export function minorAgeAfter(words: readonly string[], end: number): number {
  for (let i = end; i < Math.min(words.length, end + 3); i++) {
    const w = words[i] ?? '';
    const age = ageOf(w);
    if (age !== undefined) return age >= AGE_MIN && age < ADULT ? i + 1 : -1;
    if (!AGE_LINKS.has(w)) return -1;
  }
  return -1;
}

/** True when a year word (`at`) closes an age range that starts below 18: "16 25 tahun", "17 35 th". */
export function minorRangeBefore(words: readonly string[], at: number): boolean {
  const from = ageOf(words[at - 2]);
  const to = ageOf(words[at - 1]);
  return from !== undefined && to !== undefined && from >= AGE_MIN && from < ADULT && to > from;
}

/** Years a birth-year word may be written with ("lahir tahun 2009", "born in 2010", "kelahiran thn 2008"). */
const YEAR_LINKS = new Set(
  'tahun thn th taun warsa in after from mulai dari antara between sejak min minimal'.split(' '),
);
const yearOf = (w: string | undefined): number | undefined => {
  const m = /^(19\d\d|20\d\d)$/.exec(w ?? '');
  return m ? Number(m[1]) : undefined;
};

/**
 * Where the birth years after a birth-year word (`end` = the word after it) end when the youngest of them
 * makes a person under 18 in `year`: "kelahiran 2008 2010", "lahir tahun 2009 ke atas", "born in 2010"; else -1.
 * The youngest bound is what counts: "lahir 2009 ke bawah" still names someone born in 2009.
 */
export function minorBirthYearAfter(words: readonly string[], end: number, year: number): number {
  for (let i = end; i < Math.min(words.length, end + 3); i++) {
    const first = yearOf(words[i]);
    if (first === undefined) {
      if (YEAR_LINKS.has(words[i] ?? '')) continue;
      return -1;
    }
    const linked = ['sampai', 'hingga', 'sd', 'to', 'and', 'dan', 'until'].includes(words[i + 1] ?? '')
      ? 2
      : 1;
    const second = yearOf(words[i + linked]);
    const youngest = Math.max(first, second ?? first);
    const last = second === undefined ? i + 1 : i + linked + 1;
    return youngest > year - ADULT && youngest <= year ? last : -1;
  }
  return -1;
}
