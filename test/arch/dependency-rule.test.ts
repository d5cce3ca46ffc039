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

  it('keeps reports/ and officers/ to core ports, each other, ioredis, bullmq and the key map (no channel, no SDK)', () => {
    const bad = all
      .filter((i) => ['reports', 'officers'].includes(layerOf(i.file)))
      .filter((i) => {
        const t = target(i);
        if (t.pkg !== undefined) return !t.pkg.startsWith('node:') && !['ioredis', 'bullmq'].includes(t.pkg);
        // Every Redis key is named in one module (DESIGN §5), the one storage/ file they may read.
        if (t.layer === 'storage') return !i.spec.endsWith('/storage/keys.js');
        return !['core', 'reports', 'officers', 'content', 'config'].includes(t.layer ?? '');
      })
      .map((i) => `${i.file} → ${i.spec}`);
    expect(bad).toEqual([]);
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

  it('constructs Redis clients and channel SDK objects only in main.ts and the storage layer', () => {
    const bad = sourceFiles('src')
      .filter((f) => !f.endsWith('main.ts') && !f.startsWith('src/storage/'))
      .filter((f) => /new (Redis|Bot|Queue|Worker)\(/.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });
});
