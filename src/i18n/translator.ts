import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../core/locale.js';
import type { Params } from '../core/message.js';
import type { Translator } from '../core/ports.js';

/** Files in `locales/<lng>/` that are data for the core (keyword lists), not translations. */
export const NON_TRANSLATION_FILES = new Set(['intents.json']);

type Resources = Record<string, unknown>;

const MEMO_LIMIT = 20_000;

/** Reads `locales/<lng>/*.json`; each file becomes the first part of its keys (`menu.json` → `menu.title`). */
export function readLocaleResources(dir: string, locale: Locale): Resources {
  const folder = join(dir, locale);
  const out: Resources = {};
  for (const file of readdirSync(folder).sort()) {
    if (!file.endsWith('.json') || NON_TRANSLATION_FILES.has(file)) continue;
    out[basename(file, '.json')] = JSON.parse(readFileSync(join(folder, file), 'utf8')) as unknown;
  }
  return out;
}

/** Builds the i18next-backed translator; output is plain text (channels escape for their markup). */
export function createTranslator(localesDir: string): Translator & { readonly i18n: i18n } {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    resources: Object.fromEntries(
      LOCALES.map((l) => [l, { translation: readLocaleResources(localesDir, l) }]),
    ),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = new Map(LOCALES.map((l) => [l, instance.getFixedT(l)]));
  // i18next resolves and interpolates on every call; the same few hundred texts are rendered for
  // every message, so results are memoised (bounded: cleared when full).
  const memo = new Map<string, string>();
  return {
    i18n: instance,
    t(locale: Locale, key: string, params?: Params): string {
      const id = params ? `${locale}\u0000${key}\u0000${JSON.stringify(params)}` : `${locale}\u0000${key}`;
      const hit = memo.get(id);
      if (hit !== undefined) return hit;
      const tf = fixed.get(locale) ?? instance.t;
      const text = tf(key, params as Record<string, unknown> | undefined);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(id, text);
      return text;
    },
  };
}
