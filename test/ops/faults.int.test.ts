import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { freePort, startRedisServer } from '../helpers/redis-server.js';
import { reportLines } from '../helpers/report-script.js';
import { runMain } from '../helpers/run-main.js';

const TOKEN = '123456:TEST-token-for-the-fake-bot-api-000';
/** A stack trace line (`    at fn (file:1:2)`): never shown for a fault a user can cause. */
const STACK = /^\s+at /m;

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  cleanups = [];
});

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Each run starts Node with tsx: seconds on a busy machine.
describe('bot faults: one line and an exit code, no stack trace, no hang', { timeout: 90_000 }, () => {
  it('refuses a wrong LOCALES_DIR and a Redis database the server does not have', async () => {
    const [locales, db] = await Promise.all([
      runMain([], { LOCALES_DIR: '/nonexistent-locales' }),
      runMain([], { REDIS_URL: `${inject('redisUrl')}/99` }),
    ]);
    expect(locales.code).toBe(2);
    expect(locales.stderr).toContain(
      'config error: LOCALES_DIR: cannot read the translations in /nonexistent-locales',
    );
    expect(db.code).toBe(2);
    expect(db.stderr).toMatch(/config error: REDIS_URL: the Redis at .* has no database 99/);
    for (const run of [locales, db]) {
      expect(run.stderr).not.toMatch(STACK);
      expect(run.stdout).toBe('');
    }
  });

  it('exits at once with one line when HTTP_PORT is in use', async () => {
    const port = await freePort();
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(port, resolve));
    cleanups.push(() => new Promise<void>((resolve) => taken.close(() => resolve())));
    const run = await runMain([], {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:1',
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: `tport${port}:`,
      HTTP_PORT: String(port),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `cannot listen on HTTP_PORT ${port}: EADDRINUSE; set HTTP_PORT to a free port`,
    );
    expect(run.stderr).not.toMatch(STACK);
    // It ends right after saying so, far below the 25 s shutdown limit: nothing is left running.
    // Timed from the line, not from the start (starting Node with tsx alone took over 15 s at load 16).
    const said = run.stderrAt.find((c) => c.text.includes('cannot listen on HTTP_PORT'));
    expect(said).toBeDefined();
    expect(run.endedAt - (said?.at ?? 0)).toBeLessThan(5_000);
  });

  it('still stops on SIGTERM after Redis dropped during a console report submission', async () => {
    const redis = await startRedisServer({ aof: false });
    cleanups.push(() => redis.stop());
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        REDIS_URL: redis.url,
        LOG_LEVEL: 'error',
        CONSOLE_USER: 'dropped',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    cleanups.push(async () => {
      child.kill('SIGKILL');
      await exited;
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', () => undefined);
    for (const line of reportLines()) child.stdin.write(`${line}\n`);
    await until(() => stdout.includes('Periksa laporan Anda'), 60_000, 'the review screen');

    await redis.kill(); // the private redis-server of this test, by its pid
    child.stdin.write('1\n'); // "Kirim laporan" with Redis gone
    // The submit fails ("BELUM terkirim") or waits on Redis; either way a signal must end the process.
    await new Promise((r) => setTimeout(r, 1500));
    expect(stdout).not.toContain('Laporan diterima');

    const signalled = Date.now();
    child.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise<'hang'>((r) => setTimeout(() => r('hang'), 20_000)),
    ]);
    expect(code).not.toBe('hang');
    expect(Date.now() - signalled).toBeLessThan(15_000);
  });
});
