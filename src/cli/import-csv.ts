import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { parse as parseYaml } from 'yaml';
import { duplicateIds, readTable, type RowProblem } from '../content/csv-table.js';
import { JOB_FILES } from '../content/jobs-data.js';
import {
  AGENCY_COLUMNS,
  LISTING_COLUMNS,
  agencyRowSchema,
  listingRowSchema,
} from '../content/jobs-schema.js';

export type ImportKind = 'jobs' | 'agencies';

export interface ImportOptions {
  readonly contentDir: string;
  /** Replace the whole data set instead of adding and updating rows by id. */
  readonly replace: boolean;
  /** Validate and report only; write nothing. */
  readonly dryRun: boolean;
  readonly progress?: (done: number, total: number) => void;
}

export interface ImportReport {
  readonly exitCode: number;
  readonly lines: readonly string[];
}

const TABLES = {
  jobs: { file: JOB_FILES.listings, columns: LISTING_COLUMNS as readonly string[], schema: listingRowSchema },
  agencies: {
    file: JOB_FILES.agencies,
    columns: AGENCY_COLUMNS as readonly string[],
    schema: agencyRowSchema,
  },
} as const;

const describe = (p: RowProblem) =>
  p.line > 0 ? `line ${p.line}${p.field ? `, ${p.field}` : ''}: ${p.message}` : p.message;

/** Rows of a content CSV as written (cells by column), keyed by id; empty when the file does not exist. */
function currentRows(
  path: string,
  columns: readonly string[],
  kind: ImportKind,
): Map<string, Record<string, string>> {
  if (!existsSync(path)) return new Map();
  const table = readTable(readFileSync(path, 'utf8'), columns, TABLES[kind].schema);
  if (table.problems.length > 0) throw new Error(`${path} is invalid; run content:check first`);
  return new Map(table.records.map((r) => [r.id ?? '', { ...r }]));
}

/** Problems between tables: listings need an existing agency and a known country. */
function crossProblems(
  kind: ImportKind,
  rows: readonly Readonly<Record<string, string>>[],
  lines: readonly number[],
  opts: ImportOptions,
  merged: Map<string, Record<string, string>>,
): RowProblem[] {
  const problems: RowProblem[] = [];
  if (kind === 'jobs') {
    const agencies = currentRows(join(opts.contentDir, JOB_FILES.agencies), AGENCY_COLUMNS, 'agencies');
    const scan = parseYaml(readFileSync(join(opts.contentDir, 'warnings/scan.yaml'), 'utf8')) as {
      countries?: { id: string }[];
    };
    const countries = new Set((scan.countries ?? []).map((c) => c.id));
    rows.forEach((r, i) => {
      const line = lines[i] ?? 0;
      if (!agencies.has(r.agency_id ?? ''))
        problems.push({ line, field: 'agency_id', message: `agency "${r.agency_id ?? ''}" does not exist` });
      if (!countries.has(r.country ?? ''))
        problems.push({ line, field: 'country', message: `unknown country "${r.country ?? ''}"` });
    });
  } else {
    const listings = currentRows(join(opts.contentDir, JOB_FILES.listings), LISTING_COLUMNS, 'jobs');
    for (const l of listings.values()) {
      if (!merged.has(l.agency_id ?? '')) {
        problems.push({
          line: 0,
          field: 'id',
          message: `listing "${l.id ?? ''}" would lose its agency "${l.agency_id ?? ''}"`,
        });
      }
    }
  }
  return problems;
}

/** The file's text, or one line saying why it cannot be imported (missing, a folder, unreadable). */
function readCsvText(file: string): string | { readonly problem: string } {
  if (!existsSync(file)) return { problem: `cannot read ${file}: no such file` };
  if (statSync(file).isDirectory()) return { problem: `cannot read ${file}: it is a folder, not a CSV file` };
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return { problem: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: `cannot read ${file}: not UTF-8 text (save it as "CSV UTF-8")` };
  }
}

/** Problems printed; the rest are counted in one line. */
export const MAX_PRINTED_PROBLEMS = 50;

/** The first MAX_PRINTED_PROBLEMS problems, one line each, then "and N more" and the verdict. */
function problemLines(file: string, problems: readonly RowProblem[], omitted: number): string[] {
  const total = problems.length + omitted;
  const more = total - MAX_PRINTED_PROBLEMS;
  return [
    ...problems.slice(0, MAX_PRINTED_PROBLEMS).map(describe),
    ...(more > 0 ? [`… and ${more} more problem(s)`] : []),
    `${file}: ${total} problem(s); nothing was imported`,
  ];
}

/**
 * Imports a CSV of job listings or agencies into the content folder. Every row is validated; on any
 * problem nothing is written and each problem is reported with its line and field. Otherwise rows are
 * added or updated by id (or replace everything with `replace`), written atomically.
 */
export function importCsv(kind: ImportKind, file: string, opts: ImportOptions): ImportReport {
  const { file: target, columns, schema } = TABLES[kind];
  const text = readCsvText(file);
  if (typeof text !== 'string') return { exitCode: 1, lines: [text.problem] };
  const table = readTable(text, columns, schema, opts.progress);
  const problems: RowProblem[] = [...table.problems];
  if (problems.length === 0) problems.push(...duplicateIds(table.rows));

  const path = join(opts.contentDir, target);
  const merged = opts.replace ? new Map<string, Record<string, string>>() : currentRows(path, columns, kind);
  const before = new Map(merged);
  for (const r of table.records) merged.set(r.id ?? '', { ...r });
  if (problems.length === 0) {
    problems.push(
      ...crossProblems(
        kind,
        table.records,
        table.rows.map((r) => r.line),
        opts,
        merged,
      ),
    );
  }
  if (problems.length > 0) return { exitCode: 1, lines: problemLines(file, problems, table.omitted ?? 0) };

  const added = table.records.filter((r) => !before.has(r.id ?? '')).length;
  const changed = table.records.filter((r) => {
    const old = before.get(r.id ?? '');
    return old !== undefined && columns.some((c) => old[c] !== r[c]);
  }).length;
  const summary = `${table.rows.length} rows valid: ${added} new, ${changed} updated, ${table.rows.length - added - changed} unchanged; ${target} ${opts.replace ? 'replaced' : 'now has'} ${merged.size} rows`;
  if (opts.dryRun) return { exitCode: 0, lines: [`${summary} (dry run: nothing written)`] };
  const csv = stringify([...merged.values()], { header: true, columns: [...columns] });
  writeFileSync(`${path}.tmp`, csv);
  renameSync(`${path}.tmp`, path);
  const next =
    kind === 'jobs'
      ? 'Restart the bot to serve the new data, then run `broadcasts jobs` to tell the subscribers of new listings.'
      : 'Restart the bot to serve the new data.';
  return { exitCode: 0, lines: [summary, next] };
}
