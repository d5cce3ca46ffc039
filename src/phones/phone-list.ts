import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * Between two numbers of a list: a comma, semicolon, slash, bar, ampersand or line break, or the words
 * "dan"/"atau"/"serta"/"sama" ("and"/"or"). Dots, spaces, hyphens and brackets stay: they group the digits
 * of one number.
 */
const SEPARATOR = /[,;/|&\r\n]+|\s+(?:dan|atau|serta|sama|and|or)\s+/iu;

/**
 * The phone numbers a reporter typed for a recruiter, each normalised to the international form
 * (`+62 812 3456 7890`), read as Indonesian when no country code is given; unique, in the order written,
 * at most `max`. The text is split into pieces first, so "0812 3456 7890, 0813 1111 2222" is two numbers
 * and never "+62 812 3456 7890 ext. 0813"; an extension written in a piece is dropped (a recruiter's
 * number is matched on the number alone).
 *
 * For the report wizard; the offer scanner (src/analysis) reads adverts with its own extractor.
 */
export function readPhoneList(text: string, max: number): string[] {
  const found = new Set<string>();
  for (const piece of text.split(SEPARATOR)) {
    for (const match of findPhoneNumbersInText(piece, 'ID')) {
      const { number } = match;
      found.add(number.ext === undefined ? number.formatInternational() : withoutExtension(number.number));
    }
  }
  return [...found].slice(0, max);
}

/** `+6281234567890` as `+62 812 3456 7890`. */
function withoutExtension(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
