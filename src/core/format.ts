import type { Locale } from './locale.js';

const TAGS: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formats `YYYY-MM-DD` as "29 Nov 2026" and `YYYY-MM` as "Nov 2026" in the user's locale. */
export function formatDate(value: string, locale: Locale): string {
  const monthOnly = /^\d{4}-\d{2}$/.test(value);
  const key = `${locale}:${monthOnly ? 'm' : 'd'}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(TAGS[locale], {
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
