import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCsv } from '../../src/cli/import-csv.js';
import { loadContent } from '../../src/content/loader.js';
import { copyContent } from '../helpers/content-copy.js';
import { TODAY } from '../helpers/engine.js';
import { agenciesCsv, agencyRows, listingRows, listingsCsv, toCsv } from '../helpers/job-rows.js';
import { AGENCY_COLUMNS, LISTING_COLUMNS } from '../../src/content/jobs-schema.js';

describe('CSV import of agencies and job listings', () => {
  let copy: ReturnType<typeof copyContent>;
  let file: (name: string, text: string) => string;
  beforeEach(() => {
    copy = copyContent();
    file = (name, text) => {
      const path = join(copy.dir, name);
      writeFileSync(path, text);
      return path;
    };
  });
  afterEach(() => copy.remove());
  const opts = () => ({ contentDir: copy.dir, replace: false, dryRun: false });
  const listingsFile = () => readFileSync(join(copy.dir, 'jobs/listings.csv'), 'utf8');

  it('adds agencies then listings, and the bot loads them', () => {
    const a = importCsv('agencies', file('a.csv', agenciesCsv(3)), opts());
    expect(a.exitCode).toBe(0);
    expect(a.lines[0]).toBe('3 rows valid: 3 new, 0 updated, 0 unchanged; jobs/agencies.csv now has 13 rows');
    const l = importCsv('jobs', file('l.csv', listingsCsv(5, 3)), opts());
    expect(l.lines[0]).toBe('5 rows valid: 5 new, 0 updated, 0 unchanged; jobs/listings.csv now has 35 rows');
    const again = importCsv('jobs', file('l.csv', listingsCsv(5, 3)), opts());
    expect(again.lines[0]).toBe(
      '5 rows valid: 0 new, 0 updated, 5 unchanged; jobs/listings.csv now has 35 rows',
    );
    const loaded = loadContent(copy.dir, TODAY);
    expect(loaded.ok && loaded.content.jobs.listings.length).toBe(35);
  });

  it('reports every bad row with its line and field, and writes nothing', () => {
    const before = listingsFile();
    const rows = listingRows(6, 1);
    rows[1] = { ...rows[1]!, valid_until: '2027-02-30' };
    rows[2] = { ...rows[2]!, country: 'zz' };
    rows[3] = { ...rows[3]!, agency_id: 'no-such-agency' };
    rows[4] = { ...rows[4]!, salary_amount: 'lots' };
    importCsv('agencies', file('a.csv', agenciesCsv(1)), opts());
    const r = importCsv('jobs', file('l.csv', toCsv(rows, LISTING_COLUMNS)), opts());
    expect(r.exitCode).toBe(1);
    expect(r.lines).toContain('line 3, valid_until: not a real calendar date');
    expect(r.lines).toContain('line 6, salary_amount: expected an amount like 27470 or 1500.50');
    expect(r.lines.at(-1)).toMatch(/nothing was imported$/);
    expect(listingsFile()).toBe(before);
    const fixedTypes = listingRows(6, 1);
    fixedTypes[2] = { ...fixedTypes[2]!, country: 'zz' };
    fixedTypes[3] = { ...fixedTypes[3]!, agency_id: 'no-such-agency' };
    const cross = importCsv('jobs', file('l2.csv', toCsv(fixedTypes, LISTING_COLUMNS)), opts());
    expect(cross.lines).toContain('line 4, country: unknown country "zz"');
    expect(cross.lines).toContain('line 5, agency_id: agency "no-such-agency" does not exist');
  });

  it('refuses a semicolon-separated file, missing columns and duplicate ids', () => {
    const csv = agenciesCsv(2);
    expect(importCsv('agencies', file('semi.csv', csv.replaceAll(',', ';')), opts()).lines[0]).toBe(
      'line 1: columns must be separated by commas; this file uses semicolons',
    );
    const noStatus = toCsv(
      agencyRows(2),
      AGENCY_COLUMNS.filter((c) => c !== 'status'),
    );
    expect(importCsv('agencies', file('cols.csv', noStatus), opts()).lines[0]).toBe(
      'line 1, status: column is missing',
    );
    const dup = toCsv([...agencyRows(2), agencyRows(1)[0]!], AGENCY_COLUMNS);
    expect(importCsv('agencies', file('dup.csv', dup), opts()).lines[0]).toBe(
      'line 4, id: id "gen-agency-0" is already used on line 2',
    );
  });

  it('refuses a fee charged to the worker in a zero-cost occupation (facts L-41, L-42)', () => {
    importCsv('agencies', file('a.csv', agenciesCsv(1)), opts());
    const rows = listingRows(1, 1).map((r) => ({
      ...r,
      sector: 'domestic',
      employer_type: 'household',
      worker_pays: 'agency_fee|visa',
    }));
    const r = importCsv('jobs', file('fee.csv', toCsv(rows, LISTING_COLUMNS)), opts());
    expect(r.lines[0]).toBe(
      'line 2, worker_pays: a domestic job is a zero-cost occupation: the worker may not pay agency_fee, visa (facts L-41, L-42)',
    );
  });

  it('will not drop an agency that listings still use', () => {
    const r = importCsv('agencies', file('a.csv', agenciesCsv(1)), { ...opts(), replace: true });
    expect(r.exitCode).toBe(1);
    expect(r.lines[0]).toMatch(/^listing "contoh-lo-001" would lose its agency/);
  });

  it('validates a 100,000-row file and points at the one bad row', () => {
    importCsv('agencies', file('a.csv', agenciesCsv(10)), opts());
    const rows = listingRows(100_000, 10);
    rows[73_210] = { ...rows[73_210]!, verified_at: '2026/11/20' };
    const r = importCsv('jobs', file('big.csv', toCsv(rows, LISTING_COLUMNS)), { ...opts(), dryRun: true });
    expect(r.exitCode).toBe(1);
    expect(r.lines[0]).toBe('line 73212, verified_at: expected a date as YYYY-MM-DD');
    // Not a timing test (bench/ measures the import): about 4 s alone, 30 s on a busy 2-core machine.
  }, 120_000);

  it('reports a missing file and does a dry run without writing', () => {
    expect(importCsv('jobs', join(copy.dir, 'nope.csv'), opts()).lines[0]).toMatch(/no such file/);
    const before = listingsFile();
    importCsv('agencies', file('a.csv', agenciesCsv(1)), opts());
    const r = importCsv('jobs', file('l.csv', listingsCsv(2, 1)), { ...opts(), dryRun: true });
    expect(r.lines[0]).toMatch(/dry run: nothing written/);
    expect(listingsFile()).toBe(before);
  });
});
