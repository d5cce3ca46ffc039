import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN §2 (layers and the dependency rule), checked on every import under src/: static imports,
 * re-exports, side-effect and dynamic imports. Each folder of src/ has one rule, and no file is exempt:
 *
 * - `layers`: the folders it may import, values and types;
 * - `types`: the folders it may import types only from (`import type`, `export type … from`, or every
 *   name marked `type`). DESIGN allows the core types from content/ and config/; i18n/ and
 *   observability/ implement or wrap the core's ports, so they take the core's types, never its code;
 * - `packages`: the packages it may use (node: built-ins anywhere).
 *
 * Folders DESIGN does not name get the place their role gives them: storage/ is the generic Redis layer
 * (client, key map, Lua loader, sessions, lease) under reports/, officers/ and broadcasts/ and never under
 * a channel; analysis/ holds pure stages of the understanding pipeline (DESIGN §11) over content;
 * phones/ is a leaf; desk/ is the officers' web desk (DESIGN §6), beside the CLI. The composition root
 * (main.ts, main/, bootstrap.ts) may import anything. A new folder fails until it has a rule here.
 */
interface Rule {
  readonly layers: readonly string[];
  readonly types?: readonly string[];
  readonly packages: readonly string[];
}

const BELOW_MAIN = [
  'analysis',
  'broadcasts',
  'config',
  'content',
  'core',
  'desk',
  'i18n',
  'observability',
  'officers',
  'phones',
  'reports',
  'storage',
  'bootstrap.ts',
];

const RULES: Readonly<Record<string, Rule>> = {
  core: { layers: [], types: ['content', 'config'], packages: [] },
  content: { layers: [], packages: ['zod', 'yaml', 'minisearch', 'csv-parse', 'idn-area-data'] },
  config: { layers: [], packages: ['zod'] },
  i18n: { layers: [], types: ['core'], packages: ['i18next'] },
  observability: { layers: [], types: ['core'], packages: ['pino', 'prom-client'] },
  phones: { layers: [], packages: ['libphonenumber-js'] },
  analysis: { layers: ['core', 'content', 'phones'], packages: [] },
  storage: { layers: ['core'], packages: ['ioredis'] },
  officers: { layers: ['core', 'storage'], packages: ['ioredis'] },
  reports: { layers: ['core', 'officers', 'storage'], packages: ['ioredis', 'bullmq'] },
  broadcasts: { layers: ['core', 'storage'], packages: ['ioredis', 'bullmq'] },
  'channels/console': { layers: ['core', 'i18n'], packages: [] },
  'channels/telegram': { layers: ['core', 'i18n'], packages: ['grammy', '@grammyjs/auto-retry'] },
  // DESIGN §7 keeps a WhatsApp number's state in Redis: ioredis is part of these channels' SDK.
  'channels/whatsapp': {
    layers: ['core', 'i18n'],
    packages: ['@whiskeysockets/baileys', 'qrcode-terminal', 'ioredis'],
  },
  'channels/whatsapp-cloud': { layers: ['core', 'i18n'], packages: ['ioredis', 'yaml'] },
  desk: {
    layers: ['broadcasts', 'core', 'content', 'i18n', 'officers', 'reports', 'storage'],
    types: ['config'],
    packages: ['ioredis'],
  },
  cli: {
    layers: BELOW_MAIN,
    packages: ['commander', 'csv-stringify', 'yaml', 'ioredis'],
  },
};

/** The composition root: the only place that constructs everything and wires it. */
const COMPOSITION = ['main', 'main.ts', 'bootstrap.ts'];

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

/** `{ type A, type B }`: every name of the list is a type. */
const onlyTypeNames = (clause: string): boolean => {
  const names =
    /^\{([\s\S]*)\}$/
      .exec(clause.trim())?.[1]
      ?.split(',')
      .map((n) => n.trim()) ?? [];
  const listed = names.filter(Boolean);
  return listed.length > 0 && listed.every((n) => n.startsWith('type '));
};

function importsOf(file: string, text = readFileSync(file, 'utf8')): Import[] {
  const out: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s+from\s+'([^']+)'/gm)) {
    out.push({ file, spec: m[4] ?? '', typeOnly: Boolean(m[2]) || onlyTypeNames(m[3] ?? '') });
  }
  for (const m of text.matchAll(/^\s*import\s+'([^']+)'/gm))
    out.push({ file, spec: m[1] ?? '', typeOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g))
    out.push({ file, spec: m[1] ?? '', typeOnly: false });
  return out;
}

/** The rule's name for a file: its folder under src/ (`channels/<name>` for a channel), or the file itself. */
function unitOf(file: string): string {
  const parts = relative('src', file).split('/');
  if (parts.length === 1) return parts[0] ?? '';
  return parts[0] === 'channels' ? `channels/${parts[1] ?? ''}` : (parts[0] ?? '');
}

const packageOf = (spec: string): string => {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
};

/** What an import breaks, or undefined when its file's rule allows it. */
function violation(imp: Import): string | undefined {
  const unit = unitOf(imp.file);
  if (COMPOSITION.includes(unit)) return undefined;
  const rule = RULES[unit];
  if (!rule) return `${imp.file}: src/${unit} has no rule in test/arch/dependency-rule.test.ts`;
  if (!imp.spec.startsWith('.')) {
    const pkg = packageOf(imp.spec);
    return pkg.startsWith('node:') || rule.packages.includes(pkg) ? undefined : `${imp.file} → ${imp.spec}`;
  }
  const target = unitOf(normalize(join(dirname(imp.file), imp.spec)).replace(/\.js$/, '.ts'));
  if (target === unit || rule.layers.includes(target)) return undefined;
  if (imp.typeOnly && (rule.types ?? []).includes(target)) return undefined;
  return `${imp.file} → ${imp.spec}${imp.typeOnly ? ' (types)' : ''}`;
}

const all = sourceFiles('src').flatMap((f) => importsOf(f));
const violations = (imports: readonly Import[]) =>
  imports.map(violation).filter((v): v is string => v !== undefined);

describe('dependency rule (DESIGN §2)', () => {
  it('finds the imports it checks, in every folder of src/', () => {
    expect(all.length).toBeGreaterThan(500);
    const units = new Set(sourceFiles('src').map(unitOf));
    expect([...units].filter((u) => !COMPOSITION.includes(u) && !(u in RULES))).toEqual([]);
  });

  it('tells values from types and follows re-exports and dynamic imports', () => {
    const core = (line: string) => violations(importsOf('src/core/x.ts', line));
    expect(core("import type { Catalog } from '../content/catalog.js';")).toEqual([]);
    expect(core("import { type Catalog, type Sign } from '../content/catalog.js';")).toEqual([]);
    expect(core("export type { Locale } from '../content/locales.js';")).toEqual([]);
    expect(core("import { CONTENT_IDS } from '../content/ids.js';")).toHaveLength(1);
    expect(core("import { type Catalog, buildCatalog } from '../content/catalog.js';")).toHaveLength(1);
    expect(core("export { pick } from '../content/locales.js';")).toHaveLength(1);
    expect(core("const m = await import('../i18n/translator.js');")).toHaveLength(1);
    expect(core("import type { Translator } from '../i18n/translator.js';")).toHaveLength(1);
    expect(core("import { Redis } from 'ioredis';")).toHaveLength(1);
    expect(core("import { createHash } from 'node:crypto';")).toEqual([]);
  });

  it('flags a channel importing storage/, another channel or config/, and a layer without a rule', () => {
    const from = (file: string, line: string) => violations(importsOf(file, line));
    const wa = 'src/channels/whatsapp/x.ts';
    expect(from(wa, "import { deleteMatching } from '../../storage/scan.js';")).toHaveLength(1);
    expect(from(wa, "import type { WhatsAppKeys } from '../../storage/keys.js';")).toHaveLength(1);
    expect(from(wa, "import type { WhatsAppConfig } from '../../config/config.js';")).toHaveLength(1);
    expect(from(wa, "import { render } from '../telegram/render.js';")).toHaveLength(1);
    expect(from(wa, "import { Redis } from 'ioredis';")).toEqual([]);
    expect(from('src/channels/telegram/x.ts', "import { Redis } from 'ioredis';")).toHaveLength(1);
    expect(from('src/content/x.ts', "import type { Locale } from '../core/locale.js';")).toHaveLength(1);
    expect(from('src/storage/x.ts', "import { routeJob } from '../reports/jobs.js';")).toHaveLength(1);
    expect(from('src/cli/x.ts', "import { startReportSide } from '../main/report-side.js';")).toHaveLength(1);
    expect(from('src/newfolder/x.ts', "import { x } from './y.js';")).toHaveLength(1);
    expect(from('src/main/x.ts', "import { deleteMatching } from '../storage/scan.js';")).toEqual([]);
  });

  it('holds for every import under src/', () => {
    expect(violations(all)).toEqual([]);
  });

  it('constructs Redis clients, queues, workers and bots only in the composition root, storage/ and the queue adapters', () => {
    const bad = sourceFiles('src')
      .filter(
        (f) =>
          !COMPOSITION.includes(unitOf(f)) &&
          unitOf(f) !== 'storage' &&
          f !== 'src/reports/bull-queues.ts' &&
          f !== 'src/broadcasts/bull-broadcasts.ts',
      )
      .filter((f) => /new (Redis|Bot|Queue|Worker)\(/.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });
});
