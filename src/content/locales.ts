/**
 * Languages content texts are written in: the data format of the files under `content/`. Indonesian
 * and English are required in every text; the regional languages (issue 16) are drafted a part at a
 * time and fall back to Indonesian. The core's list of the languages the bot speaks (src/core/locale.ts)
 * is this set, checked when the code is compiled.
 */
export const CONTENT_LOCALES = ['id', 'en'] as const;
export type ContentLocale = (typeof CONTENT_LOCALES)[number];

export const REGIONAL_LOCALES = ['jv', 'su', 'mad', 'sas'] as const;
export type RegionalLocale = (typeof REGIONAL_LOCALES)[number];

/** Every language a content text may have. */
export const TEXT_LOCALES = [...CONTENT_LOCALES, ...REGIONAL_LOCALES] as const;
export type TextLocale = (typeof TEXT_LOCALES)[number];

/** Text given per locale; `id` is required and used when the user's locale has no text. */
export type LocalizedText = { readonly id: string } & { readonly [L in TextLocale]?: string };

/** The content locale a user's locale reads content search indexes in: regional languages use Indonesian. */
export const contentLocale = (locale: TextLocale): ContentLocale => (locale === 'en' ? 'en' : 'id');

/** A content text in a content locale (both are required by the schema; Indonesian should one be missing). */
export const textIn = (text: LocalizedText, locale: ContentLocale): string => text[locale] ?? text.id;
