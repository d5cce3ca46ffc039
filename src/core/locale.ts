import type { Config } from '../config/config.js';
import type { LocalizedText, RegionalLocale, TextLocale } from '../content/locales.js';

export type { ContentLocale, LocalizedText, RegionalLocale } from '../content/locales.js';

/** The languages the bot speaks: those content texts are written in (src/content/locales.ts). */
export type Locale = TextLocale;

/** Locales in the order of the language list. `id` (Indonesian) is the default and the fallback for every text. */
export const LOCALES = ['id', 'jv', 'su', 'mad', 'sas', 'en'] as const satisfies readonly Locale[];
export const DEFAULT_LOCALE: Locale = 'id';

/** Fails to compile when a language of content is missing from the list above. */
type Never<T extends never> = T;
export type EveryLocaleListed = Never<Exclude<Locale, (typeof LOCALES)[number]>>;
/** Fail to compile when the configuration's DEFAULT_LOCALE takes other languages than these. */
export type DefaultLocaleIsALocale = Never<Exclude<Config['defaultLocale'], Locale>>;
export type EveryLocaleMayBeDefault = Never<Exclude<Locale, Config['defaultLocale']>>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Regional languages (issue 16): their texts are drafted a part at a time and fall back to
 * Indonesian, never to an empty text; `locales/REVIEW.md` says which a native speaker has reviewed.
 */
export const isRegional = (locale: Locale): locale is RegionalLocale => locale !== 'id' && locale !== 'en';

/** Picks the text for `locale`, falling back to Indonesian. */
export function pick(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text.id;
}

/** The locale whose date and number formats a locale uses (Madurese and Sasak read Indonesian ones). */
export const FORMAT_TAGS: Record<Locale, string> = {
  id: 'id-ID',
  jv: 'jv-ID',
  su: 'su-ID',
  mad: 'id-ID',
  sas: 'id-ID',
  en: 'en-GB',
};
