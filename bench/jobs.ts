import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { importCsv } from '../src/cli/import-csv.js';
import { createAgencyChecker } from '../src/content/agency-matcher.js';
import { readTable } from '../src/content/csv-table.js';
import { buildJobsCatalog } from '../src/content/jobs-index.js';
import {
  AGENCY_COLUMNS,
  LISTING_COLUMNS,
  agencyRowSchema,
  listingRowSchema,
} from '../src/content/jobs-schema.js';
import type { ScanFile } from '../src/content/warnings-schema.js';
import type { SectorInfo } from '../src/content/jobs-data.js';
import { agenciesCsv, listingsCsv } from '../test/helpers/job-rows.js';
import { ROOT, timeMs } from './util.js';

export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly samples: number;
}

/** Latency percentiles in milliseconds of `fn` over `rounds` passes of `inputs`, after a warm-up pass. */
export function latency<T>(inputs: readonly T[], rounds: number, fn: (input: T) => unknown): Percentiles {
  for (const i of inputs) fn(i);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const i of inputs) {
      const start = performance.now();
      fn(i);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), samples: times.length };
}

const QUERIES = [
  { words: 'kerja pabrik di taiwan' },
  { words: 'perawat lansia' },
  { words: 'operatr produksi' },
  { words: 'tukang las galangan kapal korea' },
  { words: 'hotel restoran dubai' },
  { country: 'tw' },
  { sector: 'health' as const },
  { country: 'jp', words: 'perawat' },
  { words: 'yang di ke' },
  { words: 'x'.repeat(5000) },
];

export interface JobsBench {
  readonly search: Percentiles;
  readonly agencyCheck: Percentiles;
  readonly importMs: number;
  readonly listings: number;
  readonly agencies: number;
}

/** Search and agency check over 10,000 generated listings and 1,000 agencies; import of 10,000 rows. */
export async function measureJobs(listingCount = 10_000, agencyCount = 1_000): Promise<JobsBench> {
  const agencyTable = readTable(agenciesCsv(agencyCount), AGENCY_COLUMNS, agencyRowSchema);
  const listingTable = readTable(listingsCsv(listingCount, agencyCount), LISTING_COLUMNS, listingRowSchema);
  const scan = parse(readFileSync(join(ROOT, 'content/warnings/scan.yaml'), 'utf8')) as ScanFile;
  const sectors = (
    parse(readFileSync(join(ROOT, 'content/jobs/sectors.yaml'), 'utf8')) as { sectors: SectorInfo[] }
  ).sectors;
  const jobs = buildJobsCatalog(
    { agencies: agencyTable.rows, listings: listingTable.rows, sectors },
    scan.countries,
  );
  const search = latency(QUERIES, 200, (q) => jobs.search(q, 'id', '2026-11-29'));

  const checker = createAgencyChecker(agencyTable.rows);
  const names = [
    'PT Uji Abadi Bina 16',
    'cek pt uji abadi bina 16',
    'PT Uji Abadi Bina 61',
    'PT Uji Abadi Bin 16',
    'PT Sumber Rejeki Makmur',
    '021-0000-1016',
    'Uji 500',
    'PT Uji Karya Makmur Sentosa Jaya',
  ];
  const agencyCheck = latency(names, 500, (n) => checker.check(n));

  const dir = mkdtempSync(join(tmpdir(), 'demimas-bench-'));
  try {
    cpSync(join(ROOT, 'content'), dir, { recursive: true });
    const file = join(dir, 'import.csv');
    importCsv('agencies', (writeFileSync(file, agenciesCsv(agencyCount)), file), {
      contentDir: dir,
      replace: false,
      dryRun: false,
    });
    writeFileSync(file, listingsCsv(listingCount, agencyCount));
    let exit = 0;
    const importMs = await timeMs(() => {
      exit = importCsv('jobs', file, { contentDir: dir, replace: false, dryRun: false }).exitCode;
      return Promise.resolve();
    });
    if (exit !== 0) throw new Error('bench import failed');
    return { search, agencyCheck, importMs, listings: listingCount, agencies: agencyCount };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
