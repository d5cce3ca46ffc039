import { buildCatalog } from '../content/catalog.js';
import { formatProblem, loadContent } from '../content/loader.js';

export interface CheckReport {
  readonly exitCode: number;
  readonly lines: readonly string[];
}

/** Validates every content file; errors fail the check, items past `review_after` are warnings. */
export function checkContent(dir: string, now: Date): CheckReport {
  const result = loadContent(dir, now);
  const lines = result.warnings.map((w) => `WARN  ${formatProblem(w)}`);
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
