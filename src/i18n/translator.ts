import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import type { Locale } from '../core/locale.js';
import type { Params } from '../core/message.js';
import type { Translator } from '../core/ports.js';

/** Files in `locales/<lng>/` that are data for the core (keyword lists), not translations. */
export const NON_TRANSLATION_FILES = new Set(['intents.json', 'markers.json']);

type Resources = Record<string, unknown>;

/** The language every text falls back to; its folder must exist. */
const FALLBACK: Locale = 'id';

/** `{{name}}` placeholders, the only interpolation the locale files use (split: whole, then name). */
const PLACEHOLDER_PARTS = /(\{\{\s*(\w+)\s*\}\})/;

/** A translation, and its text split at placeholders when it has any. */
interface Template {
  readonly text: string;
  readonly parts?: readonly string[];
}

/**
 * Reads `locales/<lng>/*.json`; each file becomes the first part of its keys (`menu.json` → `menu.title`).
 * A locale other than Indonesian may have no folder yet: every text then falls back to Indonesian.
 */
export function readLocaleResources(dir: string, locale: string): Resources {
  const folder = join(dir, locale);
  const out: Resources = {};
  if (locale !== FALLBACK && !existsSync(folder)) return out;
  for (const file of readdirSync(folder).sort()) {
    if (!file.endsWith('.json') || NON_TRANSLATION_FILES.has(file)) continue;
    out[basename(file, '.json')] = JSON.parse(readFileSync(join(folder, file), 'utf8')) as unknown;
  }
  return out;
}

/** The locales with a folder in `localesDir` (Indonesian always: a missing folder is an error). */
function localesIn(localesDir: string): string[] {
  const folders = readdirSync(localesDir, { withFileTypes: true }).filter((d) => d.isDirectory());
  return [...new Set([FALLBACK, ...folders.map((d) => d.name)])];
}

/**
 * Builds the i18next-backed translator over the locales with a folder in `localesDir`; a locale without
 * one reads Indonesian. Output is plain text (channels escape for their markup).
 */
export function createTranslator(localesDir: string): Translator & { readonly i18n: i18n } {
  const locales = localesIn(localesDir);
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: FALLBACK,
    fallbackLng: FALLBACK,
    supportedLngs: locales,
    resources: Object.fromEntries(
      locales.map((l) => [l, { translation: readLocaleResources(localesDir, l) }]),
    ),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = new Map(locales.map((l) => [l, instance.getFixedT(l)]));
  // i18next resolves a key on every call; the same few hundred texts are rendered for every message,
  // so each key's text is looked up once (one map per locale: no key string is built per call), with
  // its placeholders found once. Params (which may hold what a user typed) are filled in per call and
  // never kept.
  const resolved = new Map<Locale, Map<string, Template>>();
  const template = (locale: Locale, key: string): Template => {
    let texts = resolved.get(locale);
    if (texts === undefined) {
      texts = new Map();
      resolved.set(locale, texts);
    }
    let found = texts.get(key);
    if (found === undefined) {
      const text = (fixed.get(locale) ?? instance.t)(key, {
        interpolation: { skipOnVariables: true },
        skipInterpolation: true,
      });
      const parts = text.split(PLACEHOLDER_PARTS);
      found = parts.length > 1 ? { text, parts } : { text };
      texts.set(key, found);
    }
    return found;
  };
  return {
    i18n: instance,
    t(locale: Locale, key: string, params?: Params): string {
      const { text, parts } = template(locale, key);
      if (!params || !parts) return text;
      // parts: text, then per placeholder its whole text, its name and the text after it.
      let out = parts[0] ?? '';
      for (let i = 1; i + 2 < parts.length; i += 3) {
        const value = params[parts[i + 1] ?? ''];
        out += `${value === undefined ? (parts[i] ?? '') : String(value)}${parts[i + 2] ?? ''}`;
      }
      return out;
    },
  };
}
