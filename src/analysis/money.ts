import type { Money } from '../core/ports.js';
import { normalizeForScan } from './normalize.js';

/**
 * Sums of money in the normalised words of `normalizeForScan` ("Rp 25.000.000" → `rp 25 000 000`,
 * "25jt" → `25jt`, "lima juta" → `5 juta`, "$500" → `usd 500`): where one is (`amountAt`, for the offer
 * scan) and what it is worth (`readMoney`, for the report wizard's "how much did you pay?"). Number
 * grammar, not phrase lists: the phrases that ask for an amount live in content/warnings/scan.yaml.
 */

/** Words after a number that multiply it ("25 juta", "500 ribu", "5 million", "1 miliar"). */
const MULTIPLIERS: Readonly<Record<string, number>> = {
  juta: 1e6,
  jt: 1e6,
  jeti: 1e6,
  jutaan: 1e6,
  million: 1e6,
  millions: 1e6,
  mio: 1e6,
  rb: 1e3,
  ribu: 1e3,
  rebu: 1e3,
  ewu: 1e3,
  k: 1e3,
  thousand: 1e3,
  miliar: 1e9,
  milyar: 1e9,
};
/** Currencies written after a number ("500 usd", "3000 ringgit"), as ISO 4217 codes. */
const CURRENCIES_AFTER: Readonly<Record<string, string>> = {
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  dolar: 'USD',
  ringgit: 'MYR',
  rm: 'MYR',
  myr: 'MYR',
  yen: 'JPY',
  won: 'KRW',
  riyal: 'SAR',
  real: 'SAR',
  sar: 'SAR',
  ntd: 'TWD',
  twd: 'TWD',
  hkd: 'HKD',
  sgd: 'SGD',
  rupiah: 'IDR',
  idr: 'IDR',
  eur: 'EUR',
  euro: 'EUR',
  bnd: 'BND',
  aed: 'AED',
  dirham: 'AED',
  qar: 'QAR',
  kwd: 'KWD',
  kd: 'KWD',
  omr: 'OMR',
  bhd: 'BHD',
  baht: 'THB',
  thb: 'THB',
  php: 'PHP',
  peso: 'PHP',
};
/** Currencies written before a number ("rp 5 000 000", "usd 500", "nt 27 470"). */
const CURRENCIES_BEFORE: Readonly<Record<string, string>> = {
  rp: 'IDR',
  idr: 'IDR',
  usd: 'USD',
  us: 'USD',
  nt: 'TWD',
  ntd: 'TWD',
  twd: 'TWD',
  rm: 'MYR',
  hkd: 'HKD',
  hk: 'HKD',
  sgd: 'SGD',
  sar: 'SAR',
  myr: 'MYR',
  yen: 'JPY',
  krw: 'KRW',
  won: 'KRW',
  eur: 'EUR',
  bnd: 'BND',
  aed: 'AED',
  qar: 'QAR',
  kwd: 'KWD',
  kd: 'KWD',
  omr: 'OMR',
  bhd: 'BHD',
  thb: 'THB',
  php: 'PHP',
};
/** "HK$", "NT$", "S$", "US$" are normalised to `hk usd`, `nt usd`, …: the dollar of that place. */
const DOLLARS_OF: Readonly<Record<string, string>> = { hk: 'HKD', nt: 'TWD', s: 'SGD', us: 'USD' };

const unitOf = (w: string | undefined): boolean =>
  w !== undefined && (w in MULTIPLIERS || w in CURRENCIES_AFTER);

/** A number with its currency or unit written on ("25jt", "1500usd", "rp500000"). */
const GLUED = /^(rp|idr|usd)?(\d+)(jt|juta|rb|ribu|k|jeti|usd)?$/;

/** Words after an amount that make it pay or an allowance per period ("8 juta per bulan"). */
export const PERIOD: ReadonlySet<string> = new Set(
  'bulan bulannya sebulan perbulan bulanan month monthly mo hari perhari minggu jam day week hour wulan sewulan sasasi sabulan'.split(
    ' ',
  ),
);
/** Words that make an amount pay, not a fee ("gaji 8 juta"). */
export const PAY_WORDS: ReadonlySet<string> = new Set(
  'gaji gajinya gajih gajine gajina salary salaries upah wage wages pay bayaran bayare penghasilan pendapatan income bonus lembur'.split(
    ' ',
  ),
);

const isNumber = (w: string | undefined): boolean => w !== undefined && /^\d+$/.test(w);
const nonZero = (w: string): boolean => /[1-9]/.test(w);
/** Thousands written apart ("25 000 000"). */
const isGroup = (w: string | undefined): boolean => isNumber(w) && w?.length === 3;

/** Length in words of the amount starting at `at` (0 when there is none). Zero sums do not count. */
export function amountAt(words: readonly string[], at: number): number {
  const w = words[at];
  if (w === undefined) return 0;
  if (w in CURRENCIES_BEFORE && isNumber(words[at + 1]) && nonZero(words[at + 1] ?? '')) {
    let end = at + 2;
    while (isGroup(words[end])) end++;
    // "rp 5 juta"
    return (words[end] ?? '') in MULTIPLIERS ? end + 1 - at : end - at;
  }
  const glued = GLUED.exec(w);
  if (!glued || !nonZero(glued[2] ?? '')) return 0;
  if (glued[3] !== undefined) return 1; // "25jt", "1500usd"
  let end = at + 1;
  while (isGroup(words[end])) end++; // "25 000 000", "rp5 000 000"
  if (unitOf(words[end])) return end + 1 - at;
  if (glued[1] !== undefined) return end - at; // "rp500000"
  // A bare number is money with a currency before it (above), a unit after it, or thousands written out
  // ("25.000.000"); "2 kali", "3 bulan" are not.
  return end - at >= 2 ? end - at : 0;
}

/** What the amount of `length` words at `at` is worth; undefined past the safe integers. */
function valueAt(words: readonly string[], at: number, length: number): Money | undefined {
  const span = words.slice(at, at + length);
  let currency = 'IDR';
  let digits = '';
  let multiplier = 1;
  for (const [i, w] of span.entries()) {
    const glued = digits === '' ? GLUED.exec(w) : null;
    if (glued) {
      digits = glued[2] ?? '';
      if (glued[1] !== undefined) currency = CURRENCIES_BEFORE[glued[1]] ?? currency;
      const unit = glued[3];
      if (unit !== undefined) {
        multiplier = MULTIPLIERS[unit] ?? 1;
        currency = CURRENCIES_AFTER[unit] ?? currency;
      }
    } else if (digits === '' && i === 0) {
      // A currency before the number; "HK$ 4.500" is `hk usd 4 500`.
      const dollars = w === 'usd' ? DOLLARS_OF[words[at - 1] ?? ''] : undefined;
      currency = dollars ?? CURRENCIES_BEFORE[w] ?? currency;
    } else if (isGroup(w)) digits += w;
    else if (w in MULTIPLIERS) multiplier = MULTIPLIERS[w] ?? 1;
    else currency = CURRENCIES_AFTER[w] ?? currency;
  }
  const amount = Number(digits) * multiplier;
  return digits.length <= 15 && Number.isSafeInteger(amount) ? { amount, currency } : undefined;
}

/** Multipliers one step down, for writing a fraction in whole numbers ("2,5 juta" → `2500 rb`). */
const ONE_DOWN: Readonly<Record<string, string>> = {
  juta: 'rb',
  jt: 'rb',
  jeti: 'rb',
  jutaan: 'rb',
  million: 'rb',
  millions: 'rb',
  mio: 'rb',
  miliar: 'juta',
  milyar: 'juta',
};

/**
 * "2,5 juta" (`2 5 juta`), "1.75jt" (`1 75jt`), "3 setengah juta" and "setengah juta" written in the next
 * smaller unit (`2500 rb`, `1750 rb`, `3500 rb`, `500 rb`), so the amount reads as a whole number.
 */
function wholeFractions(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = words[i + 1] ?? '';
    const glued = /^(\d{1,2})([a-z]+)$/.exec(next); // "1.75jt" is `1 75jt`
    const apart = /^\d{1,2}$/.test(next) || next === 'setengah'; // `2 5 juta`, `3 setengah juta`
    const unit = glued ? (glued[2] ?? '') : apart ? (words[i + 2] ?? '') : '';
    const down = ONE_DOWN[unit];
    if (/^\d{1,3}$/.test(w) && down !== undefined) {
      const decimals = next === 'setengah' ? '5' : (glued?.[1] ?? next);
      out.push(String(Number(w) * 1000 + Math.round(Number(`0.${decimals}`) * 1000)), down);
      i += glued ? 1 : 2;
    } else if (w === 'setengah' && ONE_DOWN[next] !== undefined) {
      out.push('500', ONE_DOWN[next] ?? '');
      i += 1;
    } else out.push(w);
  }
  return out;
}

/** The smallest bare number taken as an amount where an amount was asked ("5000000"); "2" or "30" are not. */
const MIN_BARE = 1000;

export interface ReadMoneyOptions {
  /**
   * The text answers "how much?": a number alone is an amount ("5000000"). Otherwise only a number
   * with a currency, a unit or thousands written out is, and amounts that are pay ("gaji 8jt",
   * "8jt/bulan") are passed over.
   */
  readonly answer?: boolean;
}

/**
 * The first amount of money a text names, with its currency (rupiah unless one is written):
 * "5jt", "Rp 5.000.000", "lima juta", "2,5 juta", "3 setengah juta", "500rb", "USD 500", "RM 3000".
 * Undefined when there is none, or the number is beyond what can be counted exactly.
 */
export function readMoney(text: string, opts: ReadMoneyOptions = {}): Money | undefined {
  const words = wholeFractions(normalizeForScan(text).split(' '));
  for (let i = 0; i < words.length; i++) {
    const length = amountAt(words, i);
    if (length === 0) continue;
    const pay =
      !opts.answer &&
      (words.slice(Math.max(0, i - 3), i).some((w) => PAY_WORDS.has(w)) ||
        words.slice(i + length, i + length + 2).some((w) => PERIOD.has(w)));
    if (!pay) return valueAt(words, i, length);
    i += length - 1;
  }
  if (!opts.answer) return undefined;
  for (let i = 0; i < words.length; i++) {
    if (!isNumber(words[i]) || !nonZero(words[i] ?? '')) continue;
    let end = i + 1;
    while (isGroup(words[end])) end++;
    const money = valueAt(words, i, end - i);
    if (money === undefined || money.amount >= MIN_BARE) return money;
    i = end - 1;
  }
  return undefined;
}
