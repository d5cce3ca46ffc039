import { FORMAT_TAGS } from '../core/locale.js';
import type { Params } from '../core/message.js';
import type { Translator } from '../core/ports.js';

/** The desk's languages: Indonesian first, English too (officers read reports in Indonesian). */
export const DESK_LOCALES = ['id', 'en'] as const;
export type DeskLocale = (typeof DESK_LOCALES)[number];

/** The language a browser chose (its cookie), Indonesian otherwise. */
export const deskLocale = (chosen: string | undefined): DeskLocale =>
  DESK_LOCALES.find((l) => l === chosen) ?? 'id';

/** Texts of one language: `t('desk.nav.reports')`. */
export type T = (key: string, params?: Params) => string;

export const textsOf =
  (translator: Translator, locale: DeskLocale): T =>
  (key, params) =>
    translator.t(locale, key, params);

/** Officers read times in WIB (Asia/Jakarta), where most villages of the programme are. */
const formats = new Map<DeskLocale, Intl.DateTimeFormat>();

/** "29 Nov 2026 15.00 WIB": a stored ISO time as officers read it. */
export function wibTime(iso: string, locale: DeskLocale): string {
  let f = formats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(FORMAT_TAGS[locale], {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZone: 'Asia/Jakarta',
    });
    formats.set(locale, f);
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `${f.format(new Date(ms))} WIB`;
}
