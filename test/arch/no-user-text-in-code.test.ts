import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** String literals that read like a sentence: three or more words of letters. */
const SENTENCE = /(['"`])((?:[A-Za-z\u00C0-\u024F]+[ ,]+){2,}[A-Za-z\u00C0-\u024F]+[.!?]?)\1/g;

function sentences(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
    .filter((line) => !/\b(logger|log)\.(debug|info|warn|error|fatal)\(|new Error\(|throw /.test(line))
    .flatMap((line) => [...line.matchAll(SENTENCE)].map((m) => m[2] ?? ''));
}

describe('user-facing text lives in locales/ and content/, not in code', () => {
  it('detects a sentence literal (the check can fail)', () => {
    expect(sentences(`const x = 'Silakan pilih nomor';`)).toEqual(['Silakan pilih nomor']);
    expect(sentences(`logger.info({}, 'message failed badly');`)).toEqual([]);
  });

  it('has no sentence literals in the core and the channels', () => {
    const found = [...files('src/core'), ...files('src/channels')].flatMap((f) =>
      sentences(readFileSync(f, 'utf8')).map((s) => `${f}: ${s}`),
    );
    expect(found).toEqual([]);
  });
});
