import { FORMAT_TAGS, type Locale } from './locale.js';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Dates already written out, per locale and date (content's dates, most of them); emptied when full. */
const formatted = new Map<string, string>();
const FORMATTED_DATES = 2000;

/** Formats `YYYY-MM-DD` as "29 Nov 2026" and `YYYY-MM` as "Nov 2026" in the user's locale. */
export function formatDate(value: string, locale: Locale): string {
  const key = `${locale} ${value}`;
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size >= FORMATTED_DATES) formatted.clear();
    text = writeDate(value, locale);
    formatted.set(key, text);
  }
  return text;
}

function writeDate(value: string, locale: Locale): string {
  const monthOnly = /^\d{4}-\d{2}$/.test(value);
  const key = `${locale}:${monthOnly ? 'm' : 'd'}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(FORMAT_TAGS[locale], {
      ...(monthOnly ? {} : { day: 'numeric' }),
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    formatters.set(key, f);
  }
  return f.format(new Date(`${monthOnly ? `${value}-01` : value}T00:00:00Z`));
}

export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

const numbers = new Map<Locale, Intl.NumberFormat>();
/** Amounts already written out, per locale (job listings' salaries); emptied when full. */
const amounts = new Map<string, string>();
const FORMATTED_AMOUNTS = 2000;

/** "27.470 TWD" in Indonesian, "27,470 TWD" in English. */
export function formatMoney(amount: number, currency: string, locale: Locale): string {
  // -0 is written "-0": its key says so (String(-0) is "0").
  const key = `${locale} ${Object.is(amount, -0) ? '-0' : amount} ${currency}`;
  let text = amounts.get(key);
  if (text === undefined) {
    if (amounts.size >= FORMATTED_AMOUNTS) amounts.clear();
    let f = numbers.get(locale);
    if (!f) {
      f = new Intl.NumberFormat(FORMAT_TAGS[locale], { maximumFractionDigits: 2 });
      numbers.set(locale, f);
    }
    text = `${f.format(amount)} ${currency}`;
    amounts.set(key, text);
  }
  return text;
}

/** Whole days from `from` (YYYY-MM-DD) to `now`. */
export const daysSince = (from: string, now: Date): number =>
  Math.max(0, Math.floor((now.getTime() - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
