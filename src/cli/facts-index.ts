import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { factsIndexYaml, parseFactSheet } from '../content/facts-sheet.js';

/** Where the shared fact sheet lies beside the repository (as CI lays it out). */
export const FACT_SHEET = join('..', 'shared', 'domain', 'facts.md');
export const FACTS_INDEX_FILE = 'facts-index.yaml';

/** Writes `<content>/facts-index.yaml` from the fact sheet; returns how many facts it lists. */
export function writeFactsIndex(sheet: string, contentDir: string): number {
  const entries = parseFactSheet(readFileSync(sheet, 'utf8'));
  if (entries.length === 0) throw new Error(`no fact rows in ${sheet}`);
  writeFileSync(join(contentDir, FACTS_INDEX_FILE), factsIndexYaml(entries));
  return entries.length;
}
