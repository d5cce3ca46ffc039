import { findPhones, readPhoneList } from '../phones/phone-list.js';

const MAX_ITEMS = 8;

const unique = (items: readonly string[]): string[] => [...new Set(items)].slice(0, MAX_ITEMS);

/**
 * Phone numbers in the text, read as Indonesian when no country code is given: a list written with
 * commas or slashes is several numbers, never one with an extension, and sums of money are not numbers.
 */
export function extractPhones(text: string): string[] {
  return readPhoneList(text, MAX_ITEMS);
}

/** Words just before a number that make it a number to report to ("laporkan ke WA Satgas 0812…", "hotline"). */
const REPORT_BEFORE =
  /\b(lapor|laporkan|melapor|pengaduan|aduan|adukan|hotline|call cent(?:er|re)|report(?: it)? to|lapurke|laporkeun)\b[^\d]{0,30}$/iu;

/** Phone numbers given as a place to report to, not to apply: a notice may give a WhatsApp hotline. */
export function extractHotlines(text: string): string[] {
  return unique(
    findPhones(text)
      .filter((found) => REPORT_BEFORE.test(text.slice(Math.max(0, found.startsAt - 50), found.startsAt)))
      .map((found) => found.number),
  );
}

/** Words that end a company name written after PT/CV in running text. */
const NAME_STOP = new Set(
  (
    'yang di ke dari untuk dan dengan membuka buka butuh butuhkan membutuhkan menerima mencari sedang segera ' +
    'resmi lowongan loker kerja info hubungi hub wa cp telp telepon alamat kantor cabang adalah ini itu the is ' +
    'at in for and hiring'
  ).split(' '),
);

/** Company names written after "PT" or "CV" (as written, up to four words). */
export function extractCompanies(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(
    /\b(PT|CV|pt|cv|Pt|Cv)\.?\s+([\p{L}\p{N}&'.-]+(?:[ \t]+[\p{L}\p{N}&'.-]+){0,5})/gu,
  )) {
    const words: string[] = [];
    for (const w of (m[2] ?? '').split(/[ \t]+/)) {
      const bare = w.replace(/[.,'-]+$/u, '');
      if (bare === '' || NAME_STOP.has(bare.toLowerCase()) || words.length === 4) break;
      words.push(bare);
      if (w !== bare) break;
    }
    if (words.length > 0) names.push(`${(m[1] ?? '').toUpperCase()} ${words.join(' ')}`);
  }
  return unique(names);
}

// Amounts with a currency before or after, or "juta"/"jt"/"million": "Rp 8.000.000", "8jt", "NT$ 27,470", "1000 USD",
// "salary 12 million".
const SALARY =
  /(?:\b(?:rp|idr|nt|ntd|twd|rm|hkd|sgd|usd|sar|myr|yen|krw|won|bnd|aed|qar|kwd|kd|omr|thb)\.?\s?|(?:nt|hk|s|us)?\$\s?|[¥₩€]\s?)\d[\d.,]*(?:\s?(?:juta|jt|rb|ribu|k)\b)?|\b\d[\d.,]*\s?(?:juta|jt|jeti|yuta|million)\b|\b\d[\d.,]*\s?(?:usd|dollar|dolar|ringgit|rm|yen|won|riyal|real|sar|sr|ntd|twd|hkd|sgd|bnd|aed|dirham|qar|kwd|kd|omr|baht|thb|peso|eur|euro)\b/giu;

/** Words before an amount that make it pay, not a fee ("gaji 8jt", "salary $1500"). */
const PAY_BEFORE =
  /\b(gaji|gajih|gajine|gajina|gajinya|gajihna|gajihe|salary|upah|penghasilan|pendapatan|income|pay|bayaran|bayare|take home|earn|earning|earnings)\b[^\d]{0,25}(?:\d[\d.,]*\s?(?:-|–|s\/d|sd|sampai|hingga|to)\s?)?$/iu;
/** A period after an amount that makes it pay ("8jt/bln", "NT$ 27.470 per bulan", "20 juta sabulan", "USD 2,000 monthly"). */
const PAY_AFTER = /^\s*(?:(\/|per|se|sa|a)\s?(bln|bulan|month|mo|wulan)\b|monthly\b|saben wulan\b)/iu;

/** Salary promises as written: amounts after a word for pay, or followed by "per month". Fees are not pay. */
export function extractSalaries(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(SALARY)) {
    const at = m.index;
    const before = text.slice(Math.max(0, at - 40), at);
    const after = text.slice(at + m[0].length, at + m[0].length + 12);
    if (PAY_BEFORE.test(before) || PAY_AFTER.test(after)) {
      found.push(
        m[0]
          .trim()
          .replace(/\s+/g, ' ')
          .replace(/[.,]+$/u, ''),
      );
    }
  }
  return unique(found);
}
