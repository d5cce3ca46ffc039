import { parse } from 'csv-parse/sync';
import type { z } from 'zod';

/** A problem in a CSV file: the line (1 = header), the column, and why. */
export interface RowProblem {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export interface TableResult<T> {
  readonly rows: readonly (T & { readonly line: number })[];
  /** The cells of each row as written, by column (same order as `rows`). */
  readonly records: readonly Readonly<Record<string, string>>[];
  /** At most one per row (its fields joined), the first MAX_PROBLEMS of them. */
  readonly problems: readonly RowProblem[];
  /** Problems found past MAX_PROBLEMS (counted, not kept). */
  readonly omitted?: number;
}

/** Problems kept; the rest are only counted (the file is rejected either way). */
const MAX_PROBLEMS = 1000;
/** Longest cell and longest line accepted (characters); a longer one is a problem, never echoed. */
export const MAX_CELL_CHARS = 2000;
export const MAX_LINE_CHARS = 20_000;
/** A spreadsheet runs a cell that starts like this as a formula (CSV injection). */
const FORMULA_START = /^\s*[=+\-@\t\r]/;
/** …unless it holds only a number or phone numbers: digits, spaces and + - . ( ) | */
const NUMBER_LIKE = /^[\s\d+\-.()|]*\d[\s\d+\-.()|]*$/;
/** Reasons quoted from a CSV parser are cut to this length (they may quote the row). */
const MAX_REASON_CHARS = 200;

/** Lines (1-based) longer than MAX_LINE_CHARS: reported without parsing the file. */
function longLines(text: string): RowProblem[] {
  const out: RowProblem[] = [];
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    if (stop - start > MAX_LINE_CHARS)
      out.push({ line, field: '', message: `line longer than ${MAX_LINE_CHARS} characters` });
    if (end === -1) break;
    start = end + 1;
  }
  return out;
}

/** Why a cell is refused before its column's own rules: too long, or a spreadsheet formula. */
function cellProblem(value: string): string | undefined {
  if (value.length > MAX_CELL_CHARS) return `longer than ${MAX_CELL_CHARS} characters`;
  if (FORMULA_START.test(value) && !NUMBER_LIKE.test(value))
    return 'starts with =, +, - or @ (a spreadsheet would run it as a formula)';
  return undefined;
}

/**
 * One problem for a row: the first field names the line, the others are joined to its reason; one
 * reason per field (the first), so a row's line stays short.
 */
function rowProblem(line: number, all: readonly { field: string; message: string }[]): RowProblem {
  const issues = all.filter((issue, i) => all.findIndex((other) => other.field === issue.field) === i);
  const [first, ...rest] = issues;
  return {
    line,
    field: first?.field ?? '',
    message: [first?.message ?? '', ...rest.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message))].join('; '),
  };
}

/**
 * Reads a CSV table (comma-separated, header row, UTF-8) and validates every row with `schema`.
 * Rows are only returned when the whole file is valid.
 */
export function readTable<S extends z.ZodType<object>>(
  text: string,
  columns: readonly string[],
  schema: S,
  onProgress?: (done: number, total: number) => void,
): TableResult<z.infer<S>> {
  const problems: RowProblem[] = [];
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.includes(',') && /[;\t]/.test(firstLine)) {
    const used = firstLine.includes(';') ? 'semicolons' : 'tabs';
    return {
      rows: [],
      records: [],
      problems: [{ line: 1, field: '', message: `columns must be separated by commas; this file uses ${used}` }],
    };
  }
  const tooLong = longLines(text);
  if (tooLong.length > 0) return { rows: [], records: [], ...kept(tooLong) };
  let records: string[][];
  try {
    const parsed: unknown = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true });
    records = parsed as string[][];
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    const reason = (e.message ?? '').slice(0, MAX_REASON_CHARS);
    return { rows: [], records: [], problems: [{ line: e.lines ?? 1, field: '', message: `not a valid CSV file: ${reason}` }] };
  }
  const header = (records[0] ?? []).map((h) => h.trim());
  const missing = columns.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !columns.includes(h));
  for (const c of missing) problems.push({ line: 1, field: c, message: 'column is missing' });
  for (const c of unknown) problems.push({ line: 1, field: c.slice(0, 40), message: 'unknown column' });
  if (problems.length > 0) return { rows: [], records: [], problems };

  let omitted = 0;
  const add = (p: RowProblem) => (problems.length < MAX_PROBLEMS ? problems.push(p) : omitted++);
  const rows: (z.infer<S> & { line: number })[] = [];
  const cells: Record<string, string>[] = [];
  const total = records.length - 1;
  for (let i = 1; i < records.length; i++) {
    const record = records[i] ?? [];
    const line = i + 1;
    if (onProgress && i % 1000 === 0) onProgress(i, total);
    if (record.length !== header.length) {
      add({ line, field: '', message: `expected ${header.length} cells, found ${record.length}` });
      continue;
    }
    const byColumn = Object.fromEntries(header.map((h, k) => [h, record[k] ?? '']));
    const refused = header.flatMap((h) => {
      const why = cellProblem(byColumn[h] ?? '');
      return why === undefined ? [] : [{ field: h, message: why }];
    });
    if (refused.length > 0) {
      add(rowProblem(line, refused));
      continue;
    }
    const parsed = schema.safeParse(byColumn);
    if (parsed.success) {
      rows.push({ ...parsed.data, line });
      cells.push(byColumn);
    } else
      add(rowProblem(line, parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }))));
  }
  onProgress?.(total, total);
  if (problems.length === 0) return { rows, records: cells, problems };
  return { rows: [], records: [], problems, ...(omitted > 0 ? { omitted } : {}) };
}

/** The first MAX_PROBLEMS problems, and how many more there were. */
function kept(problems: readonly RowProblem[]): { problems: readonly RowProblem[]; omitted?: number } {
  return problems.length > MAX_PROBLEMS
    ? { problems: problems.slice(0, MAX_PROBLEMS), omitted: problems.length - MAX_PROBLEMS }
    : { problems };
}

/** Ids used by more than one row, with the lines that repeat them. */
export function duplicateIds(rows: readonly { id: string; line: number }[]): RowProblem[] {
  const first = new Map<string, number>();
  const out: RowProblem[] = [];
  for (const r of rows) {
    const seen = first.get(r.id);
    if (seen === undefined) first.set(r.id, r.line);
    else out.push({ line: r.line, field: 'id', message: `id "${r.id}" is already used on line ${seen}` });
  }
  return out;
}
