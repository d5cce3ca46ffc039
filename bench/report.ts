export interface Row {
  readonly measure: string;
  readonly result: string;
  /** Individual runs, when the result is a median. */
  readonly runs?: string;
  readonly target?: string;
  readonly ok?: boolean;
}

const HEADERS = ['Measure', 'Result', 'Runs', 'Target', 'OK'] as const;

const cells = (row: Row): string[] => [
  row.measure,
  row.result,
  row.runs ?? '',
  row.target ?? '',
  row.ok === undefined ? '' : row.ok ? 'yes' : 'NO',
];

/** A plain-text table with aligned columns. */
export function formatTable(rows: readonly Row[]): string {
  const table = [[...HEADERS], ...rows.map(cells)];
  const widths = HEADERS.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [line(table[0]!), rule, ...table.slice(1).map(line)].join('\n');
}

export const fmt = (n: number, unit: string, digits = 0): string =>
  `${n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;

export const fmtRuns = (runs: readonly number[], digits = 0): string =>
  runs.map((r) => r.toLocaleString('en-US', { maximumFractionDigits: digits })).join(', ');
