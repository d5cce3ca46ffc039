import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCsv } from '../../src/cli/import-csv.js';
import { AGENCY_COLUMNS, LISTING_COLUMNS } from '../../src/content/jobs-schema.js';
import { copyContent } from '../helpers/content-copy.js';
import { agenciesCsv, agencyRows, listingRows, toCsv } from '../helpers/job-rows.js';

/** What an import refuses before anything is written (issue 17, defect 8). */
describe('CSV import refuses unsafe or absurd data, one bounded line per row', () => {
  let copy: ReturnType<typeof copyContent>;
  let file: (name: string, data: string | Buffer) => string;
  beforeEach(() => {
    copy = copyContent();
    file = (name, data) => {
      const path = join(copy.dir, name);
      writeFileSync(path, data);
      return path;
    };
  });
  afterEach(() => copy.remove());
  const opts = () => ({ contentDir: copy.dir, replace: false, dryRun: false });
  const agenciesFile = () => readFileSync(join(copy.dir, 'jobs/agencies.csv'), 'utf8');
  const listings = (rows: Record<string, string>[]) => {
    importCsv('agencies', file('a.csv', agenciesCsv(1)), opts());
    return importCsv('jobs', file('l.csv', toCsv(rows, LISTING_COLUMNS)), opts());
  };

  it('refuses formula cells, but not numbers and phone numbers', () => {
    const before = agenciesFile();
    const rows = agencyRows(6);
    rows[0] = { ...rows[0]!, name: '=HYPERLINK("http://evil.example","PT Baik")' };
    rows[1] = { ...rows[1]!, head_office: '+cmd|" /C calc"!A0' };
    rows[2] = { ...rows[2]!, aliases: '-2+3+cmd' };
    rows[3] = { ...rows[3]!, source_title: '@SUM(1+1)', licence_no: ' =1+1' };
    rows[4] = { ...rows[4]!, phones: '+62 21 5555 0001|+62 812-3456-7890' };
    const r = importCsv('agencies', file('f.csv', toCsv(rows, AGENCY_COLUMNS)), opts());
    const formula = 'starts with =, +, - or @ (a spreadsheet would run it as a formula)';
    expect(r.exitCode).toBe(1);
    expect(r.lines).toEqual([
      `line 2, name: ${formula}`,
      `line 3, head_office: ${formula}`,
      `line 4, aliases: ${formula}`,
      `line 5, licence_no: ${formula}; source_title: ${formula}`,
      expect.stringMatching(/: 4 problem\(s\); nothing was imported$/),
    ]);
    expect(agenciesFile()).toBe(before);
    rows.splice(0, 4);
    expect(importCsv('agencies', file('ok.csv', toCsv(rows, AGENCY_COLUMNS)), opts()).exitCode).toBe(0);
  });

  it('allows only http(s) web addresses', () => {
    const rows = listingRows(3, 1);
    rows[0] = { ...rows[0]!, source_url: 'javascript:alert(1)' };
    rows[1] = { ...rows[1]!, source_url: 'data:text/html,<script>alert(1)</script>' };
    rows[2] = { ...rows[2]!, source_url: 'https://siskop2mi.bp2mi.go.id/job/1' };
    const r = listings(rows);
    expect(r.lines.slice(0, 2)).toEqual([
      'line 2, source_url: expected a web address starting with https:// or http://',
      'line 3, source_url: expected a web address starting with https:// or http://',
    ]);
    expect(r.lines).toHaveLength(3);
  });

  it('refuses long cells and long lines without echoing them', () => {
    const rows = listingRows(2, 1);
    rows[0] = { ...rows[0]!, skills_en: 'x'.repeat(2001) };
    const cell = listings(rows);
    expect(cell.lines[0]).toBe('line 2, skills_en: longer than 2000 characters');
    rows[0] = { ...rows[0], skills_en: 'x'.repeat(2000) };
    expect(listings(rows).exitCode).toBe(0);

    // A 5 MB line: one short line of output, not megabytes.
    const huge = `${toCsv(listingRows(1, 1), LISTING_COLUMNS)}"${'y'.repeat(5_000_000)}\n`;
    const line = importCsv('jobs', file('huge.csv', huge), opts());
    expect(line.exitCode).toBe(1);
    expect(line.lines[0]).toBe('line 3: line longer than 20000 characters');
    expect(line.lines.join('\n').length).toBeLessThan(300);
  });

  it('requires UTF-8', () => {
    const latin1 = Buffer.from(
      toCsv(agencyRows(1), AGENCY_COLUMNS).replace('PT ', 'PT Caf\u00e9 '),
      'latin1',
    );
    const r = importCsv('agencies', file('latin1.csv', latin1), opts());
    expect(r).toEqual({
      exitCode: 1,
      lines: [expect.stringMatching(/: not UTF-8 text \(save it as "CSV UTF-8"\)$/)],
    });
  });

  it('refuses absurd pay for the currency', () => {
    const rows = listingRows(4, 1);
    rows[0] = { ...rows[0]!, salary_amount: '99999999', salary_currency: 'TWD' };
    rows[1] = { ...rows[1]!, salary_amount: '0', salary_currency: 'HKD' };
    rows[2] = { ...rows[2]!, salary_amount: '50000000', salary_currency: 'XYZ' };
    rows[3] = { ...rows[3]!, salary_amount: '2500000', salary_currency: 'KRW' };
    const r = listings(rows);
    expect(r.lines.slice(0, 3)).toEqual([
      'line 2, salary_amount: 99999999 TWD a month is outside 1600 to 650000',
      'line 3, salary_amount: 0 HKD a month is outside 390 to 156000',
      'line 4, salary_amount: 50000000 XYZ a month is outside 1 to 10000000',
    ]);
    expect(r.lines).toHaveLength(4);
  });

  it('prints the first 50 problems, then how many more', () => {
    const rows = listingRows(120, 1).map((row) => ({ ...row, title_en: '=1+1', city: '@x' }));
    const r = listings(rows);
    expect(r.lines).toHaveLength(52);
    expect(r.lines[0]).toMatch(/^line 2, title_en: starts with =.*; city: starts with =/);
    expect(r.lines[50]).toBe('… and 70 more problem(s)');
    expect(r.lines[51]).toMatch(/: 120 problem\(s\); nothing was imported$/);
  });
});
