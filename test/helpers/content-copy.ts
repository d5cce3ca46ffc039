import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

/** A copy of the real content folder that a test may break; `remove` deletes it. */
export function copyContent(): {
  dir: string;
  edit: (file: string, change: (doc: any) => void) => void;
  write: (file: string, text: string) => void;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'demimas-content-'));
  cpSync('content', dir, { recursive: true });
  return {
    dir,
    edit(file, change) {
      const path = join(dir, file);
      const doc: unknown = parse(readFileSync(path, 'utf8'));
      change(doc);
      writeFileSync(path, stringify(doc));
    },
    write: (file, text) => writeFileSync(join(dir, file), text),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
