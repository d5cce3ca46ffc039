import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeys } from '../../src/storage/keys.js';
import { headerOf } from '../../src/storage/lua-scripts.js';

/*
 * Hash tags (DESIGN §10): the keys one Lua script or MULTI uses together must sit in one Redis Cluster
 * slot, and BullMQ's prefix must be braced. This file checks what can be read from the code: every key
 * the key map names (each family one tag; untagged keys only where the map says they are written
 * alone), every key a script touches (a KEYS entry, or a name built from an argument documented as a
 * prefix), and every BullMQ queue or worker in src/ (a prefix, from the key map). That the call sites
 * pass keys of one slot is checked by Redis itself: test/cluster/ runs the stores on a cluster.
 */

/** The part of a key Redis Cluster hashes to choose its slot: the first non-empty `{…}`, else none. */
function hashTag(key: string): string | undefined {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : undefined;
}

const P = 'dm:';

/** Every key name a family of the key map builds: strings under the prefix, functions called with sample arguments. */
function keysOf(family: object, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(family)) {
    const where = path ? `${path}.${name}` : name;
    if (typeof value === 'string') {
      if (value.startsWith(P)) out.set(where, value);
    } else if (typeof value === 'function') {
      const fn = value as (...args: string[]) => unknown;
      const args = Array.from({ length: Math.max(fn.length, 1) }, (_, i) => `a${i}`);
      const key = fn(...args);
      if (typeof key === 'string' && key.startsWith(P)) out.set(where, key);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of keysOf(value as object, where)) out.set(k, v);
    }
  }
  return out;
}

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path, suffix) : path.endsWith(suffix) ? [path] : [];
  });
}

describe('hash tags in the key map (src/storage/keys.ts)', () => {
  const keys = createKeys(P);
  const members = new Map<string, unknown>(Object.entries(keys));
  /** A member of the key map as an object of keys (`whatsapp` is called with an account). */
  const member = (name: string): object => {
    const v = members.get(name);
    if (typeof v === 'function') return (v as (account: string) => object)('main');
    return typeof v === 'object' && v !== null ? v : {};
  };
  /**
   * Each family of keys, the one tag its keys share (undefined: every key is written alone, so none
   * has a tag and they spread), and the members written alone in a tagged family.
   */
  const families: [string, object, string | undefined, string[]][] = [
    ['reports', member('reports'), 'r', []],
    ['officers', member('officers'), 'r', []],
    ['invites', member('invites'), 'r', []],
    ['register', member('register'), 'g', []],
    ['broadcasts', member('broadcasts'), 'bc', []],
    ['whatsapp', member('whatsapp'), 'wa:main', ['media', 'mediaBy', 'mediaPattern']],
    ['whatsappCloud', member('whatsappCloud'), 'wac:main', ['media', 'mediaBy']],
    ['desk', member('desk'), undefined, []],
  ];

  it.each(families)(
    '%s: every key in one slot, except the ones written alone',
    (_name, family, tag, alone) => {
      const found = keysOf(family);
      expect(found.size).toBeGreaterThanOrEqual(2);
      const tagged = [...found].filter(([name]) => !alone.includes(name));
      expect(Object.fromEntries(tagged.map(([name, key]) => [name, hashTag(key)]))).toEqual(
        Object.fromEntries(tagged.map(([name]) => [name, tag])),
      );
      expect([...found].filter(([name]) => alone.includes(name)).map(([, key]) => hashTag(key))).toEqual(
        alone.map(() => undefined),
      );
    },
  );

  it('gives each tagged family its own tag, so they spread over a cluster', () => {
    const tags = families.map(([, family]) => hashTag([...keysOf(family).values()][0] ?? ''));
    expect(new Set(tags)).toEqual(new Set(['r', 'g', 'bc', 'wa:main', 'wac:main', undefined]));
  });

  it('names the keys outside any family as single keys, and braces BullMQ’s prefix', () => {
    const single = [
      keys.session('telegram:42'),
      keys.sessionPattern,
      keys.telegramUpdate(123456, 7),
      keys.layout,
    ];
    expect(single.map(hashTag)).toEqual([undefined, undefined, undefined, undefined]);
    expect(hashTag(`${keys.bull}:route:wait`)).toBe('bull');
    expect(keys.bull.startsWith(P)).toBe(true);
  });

  it('knows every member of the key map (a new family is listed here with its tag)', () => {
    const single = ['session', 'sessionPattern', 'telegramUpdate', 'layout', 'bull'];
    const listed = families.map(([name]) => name);
    expect([...members.keys()].sort()).toEqual([...listed, ...single].sort());
  });

  it('would catch a key added to a family without its tag', () => {
    const found = keysOf({ ...keys.reports, stray: (code: string) => `${P}stray:${code}` });
    expect(hashTag(found.get('stray') ?? '')).toBeUndefined();
    expect(hashTag(found.get('report') ?? '')).toBe('r');
  });
});

/** The expression a script passes as the key of a `redis.call`, and where. */
interface KeyUse {
  readonly line: number;
  readonly expr: string;
}

function keyUses(body: string): KeyUse[] {
  const uses: KeyUse[] = [];
  body.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(/redis\.p?call\(\s*'(\w+)'\s*,\s*([^,)]+)/g))
      uses.push({ line: i + 1, expr: (m[2] ?? '').trim() });
  });
  return uses;
}

/** What a local variable of the script is assigned (every assignment, for `local a, b = x, y` too). */
function assignments(body: string, name: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(/^\s*(?:local\s+)?([\w\s,]+?)\s*=\s*(.+)$/gm)) {
    const names = (m[1] ?? '').split(',').map((n) => n.trim());
    const at = names.indexOf(name);
    if (at < 0) continue;
    const values = splitTopLevel(m[2] ?? '');
    out.push(values.length === names.length ? (values[at] ?? '') : (m[2] ?? ''));
  }
  // `for _, key in ipairs({KEYS[3], KEYS[4]})`: the loop variable takes each listed value.
  for (const m of body.matchAll(/for\s+(?:\w+\s*,\s*)?(\w+)\s+in\s+ipairs\(\{([^}]*)\}\)/g))
    if (m[1] === name) out.push(...splitTopLevel(m[2] ?? ''));
  return out;
}

/** Splits `a .. b, c` at top-level commas (not inside parentheses or brackets). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** The arguments a header documents as key prefixes (a key name is built from them inside the script). */
function prefixArgs(header: string): Set<number> {
  const out = new Set<number>();
  for (const m of header.matchAll(/^\s*ARGV\[(\d+)\]\s+(.*)$/gm))
    if (/prefix/i.test(m[2] ?? '')) out.add(Number(m[1]));
  return out;
}

/**
 * Where a key expression's name comes from: `KEYS` (declared to Redis, so Cluster checks their slot),
 * `prefix` (built from documented prefix arguments, which the caller takes from the key map), or a
 * reason it is neither.
 */
function keySource(body: string, header: string, expr: string, depth = 0): string {
  if (/^KEYS\[[^\]]+\]$/.test(expr)) return 'KEYS';
  if (depth > 4) return `cannot follow ${expr}`;
  const head = expr.split('..')[0]?.trim() ?? '';
  if (/^KEYS\[[^\]]+\]$/.test(head)) return 'KEYS';
  const args = [...head.matchAll(/ARGV\[(\d+)\]/g)].map((m) => Number(m[1]));
  if (args.length > 0) {
    const prefixes = prefixArgs(header);
    const bad = args.filter((n) => !prefixes.has(n));
    return bad.length === 0 ? 'prefix' : `ARGV[${bad.join('], ARGV[')}] is not documented as a key prefix`;
  }
  if (/^[A-Za-z_]\w*$/.test(head)) {
    const values = assignments(body, head);
    if (values.length === 0) return `${head} is not assigned in the script`;
    const sources = values.map((v) => {
      // `cond and ARGV[1] or ARGV[2]`: every choice must be a prefix.
      const choices = v.includes(' and ') ? v.split(/\s+(?:and|or)\s+/).slice(1) : [v];
      const found = choices.map((c) => keySource(body, header, c.trim(), depth + 1));
      return found.every((s) => s === found[0]) ? (found[0] ?? '') : found.join(' / ');
    });
    return sources.every((s) => s === sources[0]) ? (sources[0] ?? '') : sources.join(' / ');
  }
  return `${expr} is neither a KEYS entry nor built from a prefix argument`;
}

describe('keys touched by the Lua scripts (src/**/lua/*.lua)', () => {
  const scripts = filesUnder('src', '.lua');

  it('finds every script', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(15);
  });

  it.each(scripts)('%s: every key is a KEYS entry or named from a documented prefix', (file) => {
    const lua = readFileSync(file, 'utf8');
    const header = headerOf(lua);
    const body = lua.slice(lua.indexOf(']]') + 2);
    const uses = keyUses(body);
    expect(uses.length).toBeGreaterThan(0);
    const bad = uses
      .map((u) => ({ ...u, source: keySource(body, header, u.expr) }))
      .filter((u) => u.source !== 'KEYS' && u.source !== 'prefix')
      .map((u) => `line ${u.line}: ${u.source}`);
    expect(bad).toEqual([]);
  });

  it('flags a key built from something else', () => {
    const header = 'Input:\n    KEYS[1] record\n\n    ARGV[1] status index key prefix\n    ARGV[2] an id\n';
    const body =
      "local k = ARGV[2] .. ':x'\nredis.call('SET', k, 1)\nredis.call('SADD', ARGV[1] .. 'a', 1)\n";
    expect(keyUses(body).map((u) => keySource(body, header, u.expr))).toEqual([
      'ARGV[2] is not documented as a key prefix',
      'prefix',
    ]);
    expect(keySource(body, header, "'dm:' .. ARGV[2]")).toMatch(/neither/);
    expect(keySource("local a, b = ARGV[1] .. 'x', KEYS[1]\n", header, 'b')).toBe('KEYS');
    const loop = "for _, key in ipairs({KEYS[1], ARGV[2]}) do redis.call('DEL', key) end\n";
    expect(keyUses(loop).map((u) => keySource(loop, header, u.expr))).toEqual([
      'KEYS / ARGV[2] is not documented as a key prefix',
    ]);
  });
});

describe('BullMQ queues and workers (DESIGN §10: the prefix braced)', () => {
  const code = filesUnder('src', '.ts').map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));
  /** The text of each call of `callee(` up to its closing parenthesis. */
  const calls = (text: string, callee: RegExp): string[] =>
    [...text.matchAll(callee)].map((m) => {
      let depth = 0;
      const from = m.index + m[0].length - 1;
      for (let i = from; i < text.length; i++) {
        if (text[i] === '(') depth++;
        else if (text[i] === ')' && --depth === 0) return text.slice(m.index, i + 1);
      }
      return text.slice(m.index);
    });

  it('gives every Queue and Worker in src/ a prefix', () => {
    const made = code.flatMap(({ file, text }) =>
      calls(text, /new (?:Queue|Worker|QueueEvents|FlowProducer)\(/g).map((c) => ({ file, c })),
    );
    expect(made.length).toBeGreaterThanOrEqual(4);
    // The prefix is in the call, or in an options object the call spreads.
    const hasPrefix = (text: string, c: string) =>
      /\bprefix\b/.test(c) ||
      [...c.matchAll(/\.\.\.(\w+)\b/g)].some((m) =>
        new RegExp(`const ${m[1] ?? ''} = \\{[^}]*\\bprefix\\b`).test(text),
      );
    const files = new Map(code.map(({ file, text }) => [file, text]));
    expect(
      made.filter(({ file, c }) => !hasPrefix(files.get(file) ?? '', c)).map(({ file }) => file),
    ).toEqual([]);
  });

  it('takes that prefix from the key map wherever the report and broadcast queues are made', () => {
    const made = code.flatMap(({ file, text }) =>
      calls(text, /(?:new BullJobQueue|new BullBroadcastQueue|startBullWorkers|startBroadcastWorkers)\(/g)
        .filter((c) => !/^\w+\s*\(\s*\w+\s*:/.test(c.replace(/^new\s+/, '')))
        .map((c) => ({ file, c })),
    );
    expect(made.length).toBeGreaterThanOrEqual(4);
    expect(made.filter(({ c }) => !/keys\.bull\b/.test(c)).map(({ file, c }) => `${file}: ${c}`)).toEqual([]);
  });
});
