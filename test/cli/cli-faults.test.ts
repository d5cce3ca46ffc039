import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { importCsv } from '../../src/cli/import-csv.js';
import { runEntry } from '../helpers/run-main.js';

const admin = (args: readonly string[], env: Record<string, string>) =>
  runEntry('src/cli/main.ts', args, [], env);

/** A stack trace line (`    at fn (file:1:2)`): never shown for a fault a user can cause. */
const STACK = /^\s+at /m;

const dir = mkdtempSync(join(tmpdir(), 'demimas-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each run starts Node with tsx: seconds on a busy machine.
describe('admin CLI faults: one line and an exit code, no stack trace', { timeout: 90_000 }, () => {
  it('refuses a Redis database the server does not have and a database that is not a number', async () => {
    const [missing, word] = await Promise.all([
      admin(['reports', 'stats'], { REDIS_URL: `${inject('redisUrl')}/99` }),
      admin(['reports', 'stats'], { REDIS_URL: `${inject('redisUrl')}/abc` }),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^config error: REDIS_URL: the Redis at .* has no database 99 \(ERR/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(word.code).toBe(2);
    expect(word.stderr).toContain('config error: REDIS_URL: expected a database number from 0 to 9999');
    for (const run of [missing, word]) expect(run.stderr).not.toMatch(STACK);
  });

  it('stops quietly when the reader of its output goes away (`reports stats | head`)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'reports', 'stats'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', REDIS_URL: inject('redisUrl') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reading end closes before anything is written: every write gets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('says a folder is not a CSV file', () => {
    const run = importCsv('jobs', dir, { contentDir: 'content', replace: false, dryRun: true });
    expect(run).toEqual({ exitCode: 1, lines: [`cannot read ${dir}: it is a folder, not a CSV file`] });
  });
});
