import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGIONAL_LOCALES } from '../content/locales.js';
import { LOCALES, type Locale } from '../core/locale.js';
import { readLocaleResources } from '../i18n/translator.js';

/** One locale's state: how many of the Indonesian texts it has, and how many a native speaker reviewed. */
export interface LocaleCoverage {
  readonly locale: Locale;
  readonly translated: number;
  readonly total: number;
  readonly reviewed: number;
}

function flatKeys(obj: unknown, prefix = ''): string[] {
  if (typeof obj === 'string') return [prefix];
  if (!obj || typeof obj !== 'object') return [];
  return Object.entries(obj).flatMap(([k, v]) => flatKeys(v, prefix ? `${prefix}.${k}` : k));
}

/**
 * The reviews recorded in `locales/REVIEW.md`: table rows `| locale | keys | reviewer | date |`, where
 * keys are exact keys or prefixes ending in `*` (`menu.*`), separated by commas.
 */
export function readReviews(localesDir: string): Map<Locale, string[]> {
  const out = new Map<Locale, string[]>();
  const file = join(localesDir, 'REVIEW.md');
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const [, locale, keys, reviewer, date] = cells;
    if (!locale || !keys || !reviewer || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) continue;
    const known = LOCALES.find((l) => l === locale);
    if (!known) continue;
    out.set(known, [...(out.get(known) ?? []), ...keys.split(',').map((k) => k.replace(/`/g, '').trim())]);
  }
  return out;
}

const covers = (patterns: readonly string[], key: string): boolean =>
  patterns.some((p) => (p.endsWith('*') ? key.startsWith(p.slice(0, -1)) : key === p));

/** Coverage of every regional locale against the Indonesian texts (issue 16). */
export function localeCoverage(localesDir: string): LocaleCoverage[] {
  const base = new Set(flatKeys(readLocaleResources(localesDir, 'id')));
  const reviews = readReviews(localesDir);
  return REGIONAL_LOCALES.map((locale) => {
    const keys = flatKeys(readLocaleResources(localesDir, locale)).filter((k) => base.has(k));
    const reviewed = keys.filter((k) => covers(reviews.get(locale) ?? [], k)).length;
    return { locale, translated: keys.length, total: base.size, reviewed };
  });
}

/** Lines for `content check`: per regional locale its coverage and how many texts still await review. */
export function coverageLines(localesDir: string): string[] {
  return localeCoverage(localesDir).map(
    (c) =>
      `locale ${c.locale.padEnd(3)}: ${c.translated}/${c.total} texts (${Math.round((100 * c.translated) / c.total)} %), ` +
      `${c.translated - c.reviewed} not yet reviewed by a native speaker; the rest falls back to Indonesian`,
  );
}
