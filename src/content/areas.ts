import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * Names of provinces and regencies by Kemendagri code (facts ), from the `idn-area-data`
 * package (data © its contributors, ODbL 1.0).
 */
export interface AreaNames {
  name(code: string): string | undefined;
  readonly attribution: string;
}

/** A data file of the `idn-area-data` package. */
export function areaDataFile(file: string): string {
  const entry = createRequire(import.meta.url).resolve('idn-area-data');
  return join(dirname(entry), '..', 'data', file);
}

function readCodes(file: string): [string, string][] {
  const rows = parse<Record<string, string>>(readFileSync(areaDataFile(file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  });
  return rows.map((r) => [r.code ?? '', r.name ?? '']);
}

export function loadAreaNames(): AreaNames {
  const names = new Map([...readCodes('provinces.csv'), ...readCodes('regencies.csv')]);
  return {
    name: (code) => names.get(code),
    attribution: 'idn-area-data (ODbL 1.0)',
  };
}
