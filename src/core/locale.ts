/** Locales the bot speaks. `id` (Indonesian) is the default and the fallback for every text. */
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'id';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Text given per locale; `id` is required and used when the user's locale has no text. */
export type LocalizedText = { readonly id: string } & { readonly [L in Locale]?: string };

/** Picks the text for `locale`, falling back to Indonesian. */
export function pick(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text.id;
}
