import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/core/locale.js';
import { createTranslator, readLocaleResources } from '../../src/i18n/translator.js';

const LOCALES_DIR = 'locales';

function flatten(obj: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof obj === 'string') out.set(prefix, obj);
  else if (obj && typeof obj === 'object') {
    for (const [k, v] of Object.entries(obj))
      for (const [kk, vv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** Every `t('a.b')` with a literal key in the source tree. */
function keysUsedInSource(dir: string): string[] {
  const keys: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) keys.push(...keysUsedInSource(path));
    else if (path.endsWith('.ts')) {
      for (const m of readFileSync(path, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z.]+)'/g))
        keys.push(m[1] ?? '');
    }
  }
  return keys;
}

describe('locales', () => {
  const flat = new Map(LOCALES.map((l) => [l, flatten(readLocaleResources(LOCALES_DIR, l))]));
  const base = flat.get('id')!;

  it.each(LOCALES.filter((l) => l !== 'id'))('%s has exactly the keys of id', (locale) => {
    const other = flat.get(locale)!;
    expect([...other.keys()].sort()).toEqual([...base.keys()].sort());
  });

  it.each(LOCALES.filter((l) => l !== 'id'))(
    '%s uses the same placeholders as id in every text',
    (locale) => {
      const other = flat.get(locale)!;
      const differ = [...base].filter(
        ([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(other.get(k) ?? '')),
      );
      expect(differ.map(([k]) => k)).toEqual([]);
    },
  );

  it('has no empty texts', () => {
    for (const l of LOCALES)
      expect([...flat.get(l)!].filter(([, v]) => v.trim() === '').map(([k]) => `${l}:${k}`)).toEqual([]);
  });

  it('defines every key the code uses', () => {
    const used = [...new Set(keysUsedInSource('src'))];
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((k) => !base.has(k))).toEqual([]);
  });

  it('renders with placeholders and falls back to Indonesian', () => {
    const tr = createTranslator(LOCALES_DIR);
    expect(tr.t('en', 'engine.outOfRange', { max: 4 })).toContain('1 to 4');
    expect(tr.t('id', 'engine.outOfRange', { max: 4 })).toContain('1 sampai 4');
  });

  it('has the same intent list shape in every locale', () => {
    const shape = (l: string) => {
      const j = JSON.parse(readFileSync(join(LOCALES_DIR, l, 'intents.json'), 'utf8')) as Record<
        string,
        Record<string, unknown>
      >;
      return Object.fromEntries(Object.entries(j).map(([k, v]) => [k, Object.keys(v).sort()]));
    };
    for (const l of LOCALES) expect(shape(l)).toEqual(shape('id'));
  });
});
