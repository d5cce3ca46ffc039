/**
 * Locales the bot speaks, in the order of the language list. `id` (Indonesian) is the default and
 * the fallback for every text.
 */
export const LOCALES = ['id', 'jv', 'su', 'mad', 'sas', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'id';

/** Locales every content text (guide, answers, jobs) is written in; a missing one is a content error. */
export const CONTENT_LOCALES = ['id', 'en'] as const;

/**
 * Regional languages (issue 16): their texts are drafted a part at a time and fall back to
 * Indonesian, never to an empty text; `locales/REVIEW.md` says which a native speaker has reviewed.
 */
export const REGIONAL_LOCALES = ['jv', 'su', 'mad', 'sas'] as const;
export type RegionalLocale = (typeof REGIONAL_LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isRegional(locale: Locale): locale is RegionalLocale {
  return (REGIONAL_LOCALES as readonly string[]).includes(locale);
}

/** Text given per locale; `id` is required and used when the user's locale has no text. */
export type LocalizedText = { readonly id: string } & { readonly [L in Locale]?: string };

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

export type ContentLocale = (typeof CONTENT_LOCALES)[number];

/** The content locale a user's locale reads content search indexes in: regional languages use Indonesian. */
export const contentLocale = (locale: Locale): ContentLocale => (locale === 'en' ? 'en' : 'id');
