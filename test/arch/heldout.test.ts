import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('held-out corpora stay held out (eval/README.md)', () => {
  it('are named by no file of the bot: no rule, word list, answer card or training step reads them', () => {
    const readers = [...files('src'), ...files('content'), ...files('locales')].filter((f) =>
      /heldout/i.test(readFileSync(f, 'utf8')),
    );
    expect(readers).toEqual([]);
  });

  it('are read only by the evaluation and the floor tests', () => {
    const allowed =
      /^(eval\/(understanding|offers|corpus|nlu-compare|run)\.ts|eval\/README\.md|test\/eval\/|test\/arch\/heldout\.test\.ts)/;
    const readers = [...files('eval'), ...files('test'), ...files('bench')]
      .filter((f) => /\.(ts|md)$/.test(f) && /heldout/i.test(readFileSync(f, 'utf8')))
      .filter((f) => !allowed.test(f));
    expect(readers).toEqual([]);
  });
});
