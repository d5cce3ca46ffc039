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
  readonly problems: readonly RowProblem[];
}

/** Stop listing problems after this many; the file is rejected either way. */
const MAX_PROBLEMS = 200;

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
  let records: string[][];
  try {
    const parsed: unknown = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true });
    records = parsed as string[][];
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    return { rows: [], records: [], problems: [{ line: e.lines ?? 1, field: '', message: `not a valid CSV file: ${e.message ?? ''}` }] };
  }
  const header = (records[0] ?? []).map((h) => h.trim());
  const missing = columns.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !columns.includes(h));
  for (const c of missing) problems.push({ line: 1, field: c, message: 'column is missing' });
  for (const c of unknown) problems.push({ line: 1, field: c, message: 'unknown column' });
  if (problems.length > 0) return { rows: [], records: [], problems };

  const rows: (z.infer<S> & { line: number })[] = [];
  const cells: Record<string, string>[] = [];
  const total = records.length - 1;
  for (let i = 1; i < records.length && problems.length < MAX_PROBLEMS; i++) {
    const record = records[i] ?? [];
    const line = i + 1;
    if (record.length !== header.length) {
      problems.push({ line, field: '', message: `expected ${header.length} cells, found ${record.length}` });
      continue;
    }
    const byColumn = Object.fromEntries(header.map((h, k) => [h, record[k] ?? '']));
    const parsed = schema.safeParse(byColumn);
    if (parsed.success) {
      rows.push({ ...parsed.data, line });
      cells.push(byColumn);
    }
    else for (const issue of parsed.error.issues) problems.push({ line, field: issue.path.join('.'), message: issue.message });
    if (onProgress && i % 1000 === 0) onProgress(i, total);
  }
  onProgress?.(total, total);
  if (problems.length >= MAX_PROBLEMS) problems.push({ line: 0, field: '', message: `stopped after ${MAX_PROBLEMS} problems` });
  return problems.length > 0 ? { rows: [], records: [], problems } : { rows, records: cells, problems };
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
