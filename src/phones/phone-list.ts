import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * Between two numbers of a list: a comma, semicolon, slash, bar, ampersand or line break, or the words
 * "dan"/"atau"/"serta"/"sama" ("and"/"or"). Dots, spaces, hyphens and brackets stay: they group the digits
 * of one number.
 */
const SEPARATOR = /[,;/|&\r\n]+|\s+(?:dan|atau|serta|sama|and|or)\s+/giu;

/**
 * Digits written as a sum of money, not a phone number: grouped in thousands with no leading 0 or +
 * ("2.500.000", "20,000,000"), or right after a currency ("Rp 2500000", "$ 1500").
 */
const AMOUNT_DIGITS = /^[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*$/;
const CURRENCY_BEFORE =
  /(?:\b(?:rp|idr|usd|rm|myr|sgd|hkd|nt|ntd|twd|sar|yen|won|krw|thb|php)\.?|[$¥₩€])\s*$/iu;

const ANY_DIGIT = /\p{Nd}/u;

/** A phone number found in a text: its international form and where it was written. */
export interface FoundPhone {
  /** `+62 812 3456 7890`, without an extension. */
  readonly number: string;
  /** Index of its first character in the text. */
  readonly startsAt: number;
}

/**
 * Every phone number written in a text, in order (repeats included), read as Indonesian when no country
 * code is given. The text is split into pieces first, so "0812 3456 7890, 0813 1111 2222" is two numbers
 * and never "+62 812 3456 7890 ext. 0813"; an extension written in a piece is dropped (a recruiter's number
 * is matched on the number alone), and sums of money ("Rp 2.500.000") are not numbers.
 */
export function findPhones(text: string): FoundPhone[] {
  // A number is written with digits (the matcher reads ASCII, full-width and Arabic-Indic ones, all
  // decimal digits): a text with none, as most messages, has no number and is not searched.
  if (!ANY_DIGIT.test(text)) return [];
  const found: FoundPhone[] = [];
  let from = 0;
  const read = (to: number) => {
    for (const match of findPhoneNumbersInText(text.slice(from, to), 'ID')) {
      const startsAt = from + match.startsAt;
      const written = text.slice(startsAt, from + match.endsAt);
      if (
        AMOUNT_DIGITS.test(written) ||
        CURRENCY_BEFORE.test(text.slice(Math.max(0, startsAt - 6), startsAt))
      )
        continue;
      const { number } = match;
      found.push({
        number: number.ext === undefined ? number.formatInternational() : withoutExtension(number.number),
        startsAt,
      });
    }
  };
  for (const separator of text.matchAll(SEPARATOR)) {
    read(separator.index);
    from = separator.index + separator[0].length;
  }
  read(text.length);
  return found;
}

/**
 * The phone numbers a reporter typed for a recruiter, or an advert gives, each normalised to the
 * international form (`+62 812 3456 7890`): unique, in the order written, at most `max` (see `findPhones`).
 * Used by the report wizard and the offer scanner (src/analysis).
 */
export function readPhoneList(text: string, max: number): string[] {
  return [...new Set(findPhones(text).map((p) => p.number))].slice(0, max);
}

/** `+6281234567890` as `+62 812 3456 7890`. */
function withoutExtension(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
