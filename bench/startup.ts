import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildEngine, loadCatalog } from '../src/bootstrap.js';
import { systemClock } from '../src/core/ports.js';
import { MemorySessionStore } from '../src/storage/memory-session-store.js';
import { ROOT, benchReportSide, median, silentLogger } from './util.js';

const READY_TEXT = 'Menu utama';
const TIMEOUT_MS = 20_000;
/** Variables that would switch the bot to Redis or to a real channel. */
const CHANNEL_ENV = /^(REDIS_|TELEGRAM_|WHATSAPP_)/;

/** Environment of the bench process without Redis and channel settings: the bot starts in demo mode. */
function demoEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !CHANNEL_ENV.test(name)));
}

/**
 * Wall time from spawning `node --import tsx src/main.ts` (console script mode, empty stdin) until
 * stdout shows the main menu. Waits for the process to exit 0.
 */
export function spawnToMenuMs(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: demoEnv(),
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let out = '';
    let readyMs: number | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot did not show "${READY_TEXT}" within ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (readyMs !== undefined) return;
      out += chunk;
      if (out.includes(READY_TEXT)) readyMs = performance.now() - start;
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`bot exited with code ${String(code)}`));
      else if (readyMs === undefined) reject(new Error(`bot exited without showing "${READY_TEXT}"`));
      else resolve(readyMs);
    });
    child.stdin.end();
  });
}

export interface SpawnStartup {
  readonly medianMs: number;
  readonly runsMs: readonly number[];
}

export async function measureSpawnStartup(runs: number): Promise<SpawnStartup> {
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) runsMs.push(await spawnToMenuMs());
  return { medianMs: median(runsMs), runsMs };
}

/** In-process start-up work: load and index the content, then wire the engine. */
export function inProcessStartupMs(): number {
  const start = performance.now();
  const content = loadCatalog(join(ROOT, 'content'), systemClock.now());
  const logger = silentLogger();
  buildEngine({
    ...benchReportSide(content, logger),
    contentDir: join(ROOT, 'content'),
    localesDir: join(ROOT, 'locales'),
    store: new MemorySessionStore(86_400_000, systemClock),
    clock: systemClock,
    logger,
    defaultLocale: 'id',
    content,
  });
  return performance.now() - start;
}
