import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog } from '../bootstrap.js';
import { formatProblem, loadContent } from '../content/loader.js';
import { factsIndexYaml, parseFactSheet } from '../content/facts-sheet.js';
import { FACT_SHEET, FACTS_INDEX_FILE } from './facts-index.js';

/** The checked-in fact index differs from the fact sheet beside the repository (when it is there). */
export function staleFactsIndex(dir: string, sheet = FACT_SHEET): boolean {
  const index = join(dir, FACTS_INDEX_FILE);
  if (!existsSync(sheet) || !existsSync(index)) return false;
  return factsIndexYaml(parseFactSheet(readFileSync(sheet, 'utf8'))) !== readFileSync(index, 'utf8');
}

export interface CheckReport {
  readonly exitCode: number;
  readonly lines: readonly string[];
}

/** Validates every content file; errors fail the check, items past `review_after` are warnings. */
export function checkContent(dir: string, now: Date): CheckReport {
  const result = loadContent(dir, now);
  const lines = result.warnings.map((w) => `WARN  ${formatProblem(w)}`);
  if (staleFactsIndex(dir)) {
    lines.push(`WARN  ${FACTS_INDEX_FILE}: differs from ${FACT_SHEET}; run npm run facts:index`);
  }
  if (!result.ok) {
    lines.push(...result.errors.map((e) => `ERROR ${formatProblem(e)}`));
    lines.push(
      `content check failed: ${result.errors.length} error(s), ${result.warnings.length} warning(s)`,
    );
    return { exitCode: 1, lines };
  }
  buildCatalog(result.content);
  const c = result.content;
  lines.push(
    `content OK: ${c.topics.length} topics, ${c.contacts.length} contacts, ${c.eligibility.verdicts.length} verdicts; ` +
      `${result.warnings.length} warning(s)`,
  );
  return { exitCode: 0, lines };
}
