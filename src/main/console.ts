import { runConsoleChannel } from '../channels/console/console-channel.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../core/ports.js';
import type { ObservedEngine } from '../observability/instrument.js';
import { installShutdown } from '../observability/shutdown.js';
import { isTerminal } from './startup.js';

/** The console closes its queues, sessions and Redis within this long after the input ends or a signal. */
const CONSOLE_SHUTDOWN_MS = 5000;

/**
 * Demo mode: a chat in the terminal (or a script on stdin) until the input ends or a signal. The stop
 * is bounded (Redis may be gone) and a second signal ends it at once. Returns the exit code.
 */
export async function runConsole(opts: {
  readonly config: Config;
  readonly engine: ObservedEngine;
  readonly logger: Logger;
  readonly settle?: () => Promise<void>;
  readonly closeAll: () => Promise<void>;
  readonly startedAt: number;
}): Promise<number> {
  const { config, logger } = opts;
  // The console demo loads the village directory on the first look-up, not while showing the menu.
  logger.info({ mode: config.mode, startupMs: Math.round(performance.now() - opts.startedAt) }, 'ready');
  const shutdown = installShutdown({
    logger,
    timeoutMs: CONSOLE_SHUTDOWN_MS,
    onSignal: () => process.stdin.destroy(),
  });
  let code = 0;
  try {
    await runConsoleChannel({
      engine: opts.engine,
      input: process.stdin,
      output: process.stdout,
      interactive: isTerminal(process.stdin),
      user: config.consoleUser,
      ...(opts.settle ? { settle: opts.settle } : {}),
    });
  } catch (err) {
    process.stderr.write(`console stopped: ${err instanceof Error ? err.message : String(err)}\n`);
    code = 1;
  }
  await shutdown.run([{ name: 'reports, sessions and redis', run: () => closeWithin(opts.closeAll) }]);
  return code;
}

/** Runs `close`, giving up after CONSOLE_SHUTDOWN_MS (a dropped Redis must not keep the console open). */
async function closeWithin(close: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('closing took too long')), CONSOLE_SHUTDOWN_MS);
  });
  try {
    await Promise.race([close(), late]);
  } finally {
    clearTimeout(timer);
  }
}
