import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Import {
  readonly file: string;
  readonly spec: string;
  readonly typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?\s+from\s+'([^']+)'/gm)) {
    out.push({ file, spec: m[3] ?? '', typeOnly: Boolean(m[2]) });
  }
  for (const m of text.matchAll(/^\s*import\s+'([^']+)'/gm))
    out.push({ file, spec: m[1] ?? '', typeOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g))
    out.push({ file, spec: m[1] ?? '', typeOnly: false });
  return out;
}

/** The folder under src/ an import lands in, or the package name for a bare import. */
function target(imp: Import): { layer?: string; pkg?: string } {
  if (!imp.spec.startsWith('.')) {
    const parts = imp.spec.split('/');
    const pkg = imp.spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
    return { pkg };
  }
  const rel = relative('src', normalize(join(dirname(imp.file), imp.spec)));
  return { layer: rel.split('/')[0] };
}

const layerOf = (file: string) => relative('src', file).split('/')[0] ?? '';
const all = sourceFiles('src').flatMap(importsOf);

/** Imports of the core that break the rule: any package, or a value import from another layer. */
function coreViolations(imports: readonly Import[]): string[] {
  return imports
    .filter((i) => layerOf(i.file) === 'core')
    .filter((i) => {
      const t = target(i);
      if (t.pkg !== undefined) return !t.pkg.startsWith('node:');
      if (t.layer === 'core') return false;
      // Types from content/ and config/, and the content id constants, are allowed (DESIGN §2).
      if (t.layer === 'content' || t.layer === 'config') return !i.typeOnly && !i.spec.endsWith('/ids.js');
      return true;
    })
    .map((i) => `${i.file} → ${i.spec}`);
}

describe('dependency rule (DESIGN §2)', () => {
  it('finds the imports it checks', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  it('flags an SDK or a value import from another layer in the core', () => {
    const fake = (spec: string, typeOnly = false): Import => ({ file: 'src/core/x.ts', spec, typeOnly });
    expect(
      coreViolations([
        fake('grammy'),
        fake('ioredis'),
        fake('../storage/keys.js'),
        fake('../content/catalog.js'),
      ]),
    ).toHaveLength(4);
    expect(
      coreViolations([fake('node:crypto'), fake('./flow.js'), fake('../content/catalog.js', true)]),
    ).toEqual([]);
  });

  it('keeps the core free of SDKs and of other layers (types from content/ and config/ only)', () => {
    expect(coreViolations(all)).toEqual([]);
  });

  it('keeps content/, config/, i18n/ and observability/ to their own packages', () => {
    const allowed: Record<string, string[]> = {
      content: ['zod', 'yaml', 'minisearch', 'csv-parse', 'idn-area-data'],
      config: ['zod'],
      i18n: ['i18next'],
      observability: ['pino', 'prom-client'],
    };
    const bad = all
      .filter((i) => layerOf(i.file) in allowed)
      .filter((i) => {
        const t = target(i);
        if (t.pkg !== undefined)
          return !t.pkg.startsWith('node:') && !(allowed[layerOf(i.file)] ?? []).includes(t.pkg);
        return !['core', layerOf(i.file), 'content', 'config'].includes(t.layer ?? '');
      })
      .map((i) => `${i.file} → ${i.spec}`);
    expect(bad).toEqual([]);
  });

  it('keeps reports/ to core ports, the officer directory, ioredis, bullmq, the key map and key scans (no channel, no SDK)', () => {
    const bad = all
      .filter((i) => layerOf(i.file) === 'reports')
      .filter((i) => {
        const t = target(i);
        if (t.pkg !== undefined) return !t.pkg.startsWith('node:') && !['ioredis', 'bullmq'].includes(t.pkg);
        // Every Redis key is named in one module (DESIGN §5), and scripts are read by one loader.
        if (t.layer === 'storage') return !/\/storage\/(keys|lua-scripts|scan)\.js$/.test(i.spec);
        return !['core', 'reports', 'officers', 'content', 'config'].includes(t.layer ?? '');
      })
      .map((i) => `${i.file} → ${i.spec}`);
    expect(bad).toEqual([]);
  });

  it('keeps officers/ to the directory and invites: core, the key map and scripts, never reports/ (one owner of the report side)', () => {
    const bad = all
      .filter((i) => layerOf(i.file) === 'officers')
      .filter((i) => {
        const t = target(i);
        if (t.pkg !== undefined) return !t.pkg.startsWith('node:') && t.pkg !== 'ioredis';
        if (t.layer === 'storage') return !/\/storage\/(keys|lua-scripts)\.js$/.test(i.spec);
        return !['core', 'officers'].includes(t.layer ?? '');
      })
      .map((i) => `${i.file} → ${i.spec}`);
    expect(bad).toEqual([]);
  });

  it('keeps broadcasts/ to core ports, ioredis, bullmq, the key map and scripts (no channel, no report code)', () => {
    expect(
      outside(
        (f) => layerOf(f) === 'broadcasts',
        ['ioredis', 'bullmq'],
        ['broadcasts', 'core', 'storage/keys.js', 'storage/lua-scripts.js'],
      ),
    ).toEqual([]);
  });

  it('never lets one channel import another', () => {
    const bad = all
      .filter((i) => i.file.startsWith('src/channels/'))
      .filter((i) => {
        const own = i.file.split('/')[2];
        const rel = relative('src', normalize(join(dirname(i.file), i.spec)));
        return i.spec.startsWith('.') && rel.startsWith('channels/') && rel.split('/')[1] !== own;
      })
      .map((i) => `${i.file} → ${i.spec}`);
    expect(bad).toEqual([]);
  });

  /** Imports of a layer outside what it may use: packages and src/ layers (`storage/x.js` for single files). */
  function outside(layer: (file: string) => boolean, packages: readonly string[], layers: readonly string[]) {
    return all
      .filter((i) => layer(i.file))
      .filter((i) => {
        const t = target(i);
        if (t.pkg !== undefined) return !t.pkg.startsWith('node:') && !packages.includes(t.pkg);
        const rel = relative('src', normalize(join(dirname(i.file), i.spec)));
        return !layers.some((l) => rel === l || rel.startsWith(`${l}/`));
      })
      .map((i) => `${i.file} → ${i.spec}`);
  }

  it('keeps the officers desk (desk/) to core, the report side, the officer directory, config and content, the key map and scripts (no channel, no i18next)', () => {
    expect(
      outside(
        (f) => layerOf(f) === 'desk',
        ['ioredis'],
        [
          'desk',
          'core',
          'reports',
          'officers',
          'config',
          'content',
          'storage/keys.js',
          'storage/lua-scripts.js',
        ],
      ),
    ).toEqual([]);
  });

  it('keeps storage/ generic: Redis, sessions, the lease, the key map and scripts; no report, officer or channel code', () => {
    expect(outside((f) => layerOf(f) === 'storage', ['ioredis'], ['storage', 'core'])).toEqual([]);
  });

  it('lets a channel use only the core, i18n, config types, its SDK and the generic storage parts', () => {
    const generic = [
      'storage/keys.js',
      'storage/lease.js',
      'storage/lua-scripts.js',
      'storage/redis-client.js',
      'storage/scan.js',
    ];
    const sdk: Record<string, string[]> = {
      console: [],
      telegram: ['grammy', '@grammyjs/auto-retry'],
      whatsapp: ['@whiskeysockets/baileys', 'ioredis', 'qrcode-terminal'],
      'whatsapp-cloud': ['ioredis', 'yaml'],
    };
    for (const name of Object.keys(sdk)) {
      const own = `channels/${name}`;
      const bad = outside((f) => f.startsWith(`src/${own}/`), sdk[name] ?? [], [
        own,
        'core',
        'i18n',
        'config',
        ...generic,
      ]);
      expect(bad, name).toEqual([]);
    }
  });

  it('keeps the admin CLI, analysis and phone numbers below the composition root', () => {
    expect(
      outside(
        (f) => layerOf(f) === 'cli',
        ['commander', 'csv-stringify', 'yaml', 'ioredis'],
        [
          'cli',
          'config',
          'content',
          'core',
          'i18n',
          'officers',
          'reports',
          'storage',
          'analysis',
          'phones',
          'broadcasts',
          'desk',
          'bootstrap.js',
        ],
      ),
    ).toEqual([]);
    expect(outside((f) => layerOf(f) === 'analysis', [], ['analysis', 'content', 'core', 'phones'])).toEqual(
      [],
    );
    expect(outside((f) => layerOf(f) === 'phones', ['libphonenumber-js'], ['phones'])).toEqual([]);
  });

  it('constructs Redis clients and channel SDK objects only in the composition root (main.ts and main/), the storage layer and the report and broadcast queues', () => {
    const bad = sourceFiles('src')
      .filter(
        (f) =>
          !f.endsWith('main.ts') &&
          !f.startsWith('src/main/') &&
          !f.startsWith('src/storage/') &&
          f !== 'src/reports/bull-queues.ts' &&
          f !== 'src/broadcasts/bull-broadcasts.ts',
      )
      .filter((f) => /new (Redis|Bot|Queue|Worker)\(/.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });
});
