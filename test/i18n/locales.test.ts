import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGIONAL_LOCALES } from '../../src/content/locales.js';
import { LOCALES } from '../../src/core/locale.js';
import { createIntentMatcher } from '../../src/core/intents.js';
import { readIntentLists } from '../../src/bootstrap.js';
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

  /** The languages' own names and switch words: one list in locales/id/language.json, the same in every locale. */
  const shared = (k: string) => k.startsWith('language.name.') || k.startsWith('language.word.');

  it('en has exactly the keys of id (the language names are shared)', () => {
    const other = flat.get('en')!;
    expect([...other.keys()].sort()).toEqual([...base.keys()].filter((k) => !shared(k)).sort());
  });

  it.each(REGIONAL_LOCALES)('%s has only keys of id (the rest falls back to Indonesian)', (locale) => {
    const other = flat.get(locale)!;
    expect([...other.keys()].filter((k) => !base.has(k) || shared(k))).toEqual([]);
  });

  it.each(LOCALES.filter((l) => l !== 'id'))(
    '%s uses the same placeholders as id in every text',
    (locale) => {
      const other = flat.get(locale)!;
      const differ = [...other].filter(
        ([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(base.get(k) ?? '')),
      );
      expect(differ.map(([k]) => k)).toEqual([]);
    },
  );

  it('types no phone number of content/contacts.yaml: texts name the call centre through {{callCentre}}', () => {
    // Short codes (110, 129) may stand in ordinary text; full numbers may not.
    const numbers = [...readFileSync('content/contacts.yaml', 'utf8').matchAll(/number: "([^"]+)"/g)]
      .map((m) => m[1] ?? '')
      .filter((n) => n.replace(/\D/g, '').length >= 7);
    expect(numbers).toContain('0800-1000');
    const typed = LOCALES.flatMap((l) =>
      [...flat.get(l)!].filter(([, v]) => numbers.some((n) => v.includes(n))).map(([k]) => `${l}:${k}`),
    );
    expect(typed).toEqual([]);
    for (const l of LOCALES)
      for (const key of ['engine.voiceNotRead', 'whatsapp.voice', 'paid.body'])
        expect(placeholders(flat.get(l)!.get(key) ?? '{{callCentre}}')).toContain('callCentre');
  });

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

  it("has the same intent list shape in id and en; regional lists hold only global words, yes/no, navigation and the wizard's choice words", () => {
    const read = (l: string) =>
      JSON.parse(readFileSync(join(LOCALES_DIR, l, 'intents.json'), 'utf8')) as Record<
        string,
        Record<string, unknown>
      >;
    const shape = (j: Record<string, Record<string, unknown>>) =>
      Object.fromEntries(Object.entries(j).map(([k, v]) => [k, Object.keys(v).sort()]));
    const id = shape(read('id'));
    expect(shape(read('en'))).toEqual(id);
    for (const l of REGIONAL_LOCALES) {
      let lists: Record<string, Record<string, unknown>>;
      try {
        lists = read(l);
      } catch {
        continue; // not drafted yet: Indonesian and English words apply
      }
      for (const [section, keys] of Object.entries(shape(lists))) {
        expect(['global', 'answers', 'navigation', 'choices', 'fillers']).toContain(section);
        for (const k of keys) expect(id[section]).toContain(k);
      }
    }
  });

  it('gives no word two meanings across locales (the first locale would silently win)', () => {
    const meanings = new Map<string, Set<string>>();
    for (const lists of readIntentLists(LOCALES_DIR)) {
      for (const section of ['global', 'answers', 'navigation'] as const) {
        for (const [meaning, words] of Object.entries(lists[section] ?? {})) {
          for (const w of words) {
            const key = `${section}:${w.toLowerCase().trim()}`;
            meanings.set(key, (meanings.get(key) ?? new Set()).add(meaning));
          }
        }
      }
    }
    const clashes = [...meanings].filter(([, m]) => m.size > 1).map(([w, m]) => `${w} → ${[...m].join('/')}`);
    expect(clashes).toEqual([]);
    // and the matcher built from them reads a word of every list
    expect(createIntentMatcher(readIntentLists(LOCALES_DIR)).global('menu')).toBe('menu');
  });
});
