import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runEntry } from '../helpers/run-main.js';
import { DAY, reportsOnRedis, toResolved } from './reports-fixture.js';

/** The CLI runs on the real clock. */
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

const r = reportsOnRedis();
const dir = mkdtempSync(join(tmpdir(), 'demimas-cli-'));

beforeAll(async () => {
  await r.seed({
    code: 'R-AAAAAA',
    createdAt: daysAgo(40),
    contact: 'direct',
    address: 'telegram:4242',
    steps: toResolved(daysAgo(40), daysAgo(35)),
  });
  await r.seed({ code: 'R-CCCCCC', createdAt: daysAgo(1), address: 'telegram:99' });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await r.cleanup();
});

/** Runs the admin CLI as `npm run admin --` does, with a clean environment. */
const admin = (args: readonly string[], env: Record<string, string>) =>
  runEntry('src/cli/main.ts', args, [], env);

const env = () => ({ REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: r.prefix });

// Each run starts Node with tsx: seconds on a busy machine.
describe('npm run admin -- reports …', { timeout: 90_000 }, () => {
  it('lists the reports in REDIS_URL under REDIS_KEY_PREFIX', async () => {
    const run = await admin(['reports', 'list'], env());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^code\s+created \(UTC\)\s+status/);
    expect(lines[1]).toMatch(/^R-CCCCCC\s.*submitted\s+village\s+35\.07\.12\.2001\s+Ternyang\s+-$/);
    expect(lines[2]).toMatch(/^R-AAAAAA\s.*resolved\s+village\s+35\.07\.12\.2001\s+Ternyang\s+o1$/);
    expect(lines[3]).toBe('2 reports');
    expect(run.stdout).not.toContain('telegram:');
  });

  it('shows a consenting reporter only with --with-reporter, exports to a file, runs retention', async () => {
    const show = await admin(['reports', 'show', 'r-aaaaaa', '--with-reporter'], env());
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('reporter: telegram:4242\n');
    const out = join(dir, 'reports.json');
    const exported = await admin(['reports', 'export', '--format', 'json', '--out', out], env());
    expect(exported).toMatchObject({ code: 0, stdout: '' });
    const rows = JSON.parse(readFileSync(out, 'utf8')) as { code: string; reporter_address: string }[];
    expect(rows.map((row) => [row.code, row.reporter_address])).toEqual([
      ['R-CCCCCC', ''],
      ['R-AAAAAA', ''],
    ]);
    const retention = await admin(['reports', 'retention', '--days', '30'], env());
    expect(retention.stdout).toBe(
      'removed reporter data from 1 report(s) resolved more than 30 days ago\nR-AAAAAA\n' +
        'deleted 0 departure/return entries more than 24 months after their contract end or return\n',
    );
    const after = await admin(['reports', 'show', 'R-AAAAAA', '--with-reporter'], env());
    expect(after.stdout).toContain('reporter: withheld (the reporter data was removed)\n');
    expect(after.stdout).toMatch(
      / {2}\S+ {2}reporter-data-removed {2}reason="retention: resolved more than 30 days ago"\n/,
    );
  });

  it('prints repeat recruiters and exports HTCDS columns', async () => {
    const [repeats, htcds] = await Promise.all([
      admin(['reports', 'repeats'], env()),
      admin(['reports', 'export', '--format', 'htcds', '--with-reporter'], env()),
    ]);
    expect(repeats).toMatchObject({ code: 0, stderr: '' });
    expect(repeats.stdout).toContain('  same name: Pak Darto (R-CCCCCC R-AAAAAA)\n');
    expect(htcds).toMatchObject({ code: 0, stderr: '' });
    expect(htcds.stdout.split('\n')[0]).toMatch(/^demimas_ReportCode,cas_Status,/);
    expect(htcds.stdout).not.toContain('telegram:');
  });

  it('exits 2 on a config problem, 1 when Redis cannot be reached, and refuses bad options', async () => {
    const [noUrl, badUrl, down, badArea, badFormat] = await Promise.all([
      admin(['reports', 'stats'], {}),
      admin(['reports', 'stats'], { REDIS_URL: 'localhost:6379' }),
      admin(['reports', 'list'], { REDIS_URL: 'redis://127.0.0.1:1' }),
      admin(['reports', 'list', '--area', 'Malang'], env()),
      admin(['reports', 'export', '--format', 'xml'], env()),
    ]);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('config error: REDIS_URL: required for the reports commands');
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('config error: REDIS_URL: expected a URL like redis://127.0.0.1:6379');
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('cannot reach Redis at redis://127.0.0.1:1');
    expect(badArea.code).toBe(1);
    expect(badArea.stderr).toContain('expected a code like 35.07 or 35.07.12.2001');
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain('Allowed choices are csv, json');
  });
});
