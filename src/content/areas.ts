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
  /** The regencies (`PP.KK`) of a province (`PP`), in code order; none for an unknown code. */
  districtsIn(province: string): readonly string[];
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
  const regencies = readCodes('regencies.csv');
  const names = new Map([...readCodes('provinces.csv'), ...regencies]);
  const byProvince = new Map<string, string[]>();
  for (const [code] of regencies) {
    const province = code.split('.')[0] ?? '';
    byProvince.set(province, [...(byProvince.get(province) ?? []), code]);
  }
  return {
    name: (code) => names.get(code),
    districtsIn: (province) => byProvince.get(province) ?? [],
    attribution: 'idn-area-data (ODbL 1.0)',
  };
}
