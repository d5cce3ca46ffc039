import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerOf, readLuaScript } from '../../src/storage/lua-scripts.js';

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path, suffix) : path.endsWith(suffix) ? [path] : [];
  });
}

/** Indices a header documents: exact ones, and where a range `X[n..]` starts. */
function documented(header: string, name: 'KEYS' | 'ARGV'): { exact: Set<number>; from?: number } {
  const exact = new Set<number>();
  let from: number | undefined;
  for (const m of header.matchAll(new RegExp(`^\\s*${name}\\[(\\d+)(\\.\\.)?\\]`, 'gm'))) {
    const n = Number(m[1]);
    if (m[2]) from = n;
    else exact.add(n);
  }
  return { exact, ...(from === undefined ? {} : { from }) };
}

const used = (body: string, name: 'KEYS' | 'ARGV'): number[] => [
  ...new Set([...body.matchAll(new RegExp(`${name}\\[(\\d+)\\]`, 'g'))].map((m) => Number(m[1]))),
];

describe('Lua scripts (issue 17: files with a header, registered one way)', () => {
  const scripts = filesUnder('src', '.lua');

  it('keeps every script as a file', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(12);
  });

  it.each(scripts)('%s: its header names every key and argument the body uses, and the output', (file) => {
    const lua = readFileSync(file, 'utf8');
    const header = headerOf(lua);
    expect(header).toMatch(/Input:/);
    expect(header).toMatch(/Output:\s*\S/);
    const body = lua.slice(lua.indexOf(']]') + 2);
    for (const name of ['KEYS', 'ARGV'] as const) {
      const doc = documented(header, name);
      const missing = used(body, name).filter(
        (n) => !doc.exact.has(n) && !(doc.from !== undefined && n >= doc.from),
      );
      expect(missing, `${name} used but not in the header`).toEqual([]);
    }
    // A fixed number of keys is read from the header and passed to Redis with every call.
    const script = readLuaScript(new URL(`file://${join(process.cwd(), file)}`), 'x');
    const keys = documented(header, 'KEYS');
    expect(script.numberOfKeys).toBe(keys.from === undefined ? keys.exact.size : undefined);
  });

  it('runs no script from a string in the code: no EVAL, no defineCommand outside the loader', () => {
    const offenders = filesUnder('src', '.ts').filter((f) => {
      if (f.endsWith('lua-scripts.ts')) return false;
      const code = readFileSync(f, 'utf8');
      return /\.eval\(|\.evalsha\(|defineCommand\(|redis\.call\(/.test(code);
    });
    expect(offenders).toEqual([]);
  });
});
