import type { Logger } from '../core/ports.js';

/** One step of an orderly stop; steps run one after the other, in the order given. */
export interface ShutdownStep {
  readonly name: string;
  run(): unknown;
}

export interface ShutdownOptions {
  readonly logger: Logger;
  /** Called at once on the first signal (e.g. `/readyz` starts answering 503). */
  readonly onSignal?: (signal: NodeJS.Signals) => void;
  /** The whole stop may take this long; then the process exits with code 1. */
  readonly timeoutMs?: number;
  /** Where signals come from and how the process ends (tests pass fakes). */
  readonly proc?: Pick<NodeJS.Process, 'on' | 'off'>;
  readonly exit?: (code: number) => void;
}

export interface Shutdown {
  /** Resolves on the first SIGTERM or SIGINT. */
  readonly signalled: Promise<NodeJS.Signals>;
  /**
   * Runs the steps in order (a failing step is logged and the next one runs). The time limit counts
   * from the signal; a second signal still forces the exit while the process winds down.
   */
  run(steps: readonly (ShutdownStep | undefined | false)[]): Promise<void>;
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
/** Below Docker's and compose's default 10 s before SIGKILL is sent… unless told otherwise. */
export const SHUTDOWN_TIMEOUT_MS = 25_000;
/** After the last step the process should end by itself; it is ended if it is still there this much later. */
const LINGER_MS = 5000;
/** Exit code after a second signal: 128 + SIGINT, as shells report an interrupted program. */
export const FORCED_EXIT_CODE = 130;

/**
 * Graceful shutdown on SIGTERM/SIGINT: the first signal starts the orderly stop, a second one ends
 * the process at once (exit code 130, with a log line), and a stop that takes longer than the time
 * limit ends it with exit code 1.
 */
export function installShutdown(opts: ShutdownOptions): Shutdown {
  const proc = opts.proc ?? process;
  const exit =
    opts.exit ??
    ((code: number) => {
      process.exit(code);
    });
  const timeoutMs = opts.timeoutMs ?? SHUTDOWN_TIMEOUT_MS;
  let received: NodeJS.Signals | undefined;
  let timer: NodeJS.Timeout | undefined;
  let resolveSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    resolveSignal = resolve;
  });

  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      opts.logger.error(
        { signal, first: received },
        'second signal: exiting now without finishing the shutdown',
      );
      exit(FORCED_EXIT_CODE);
      return;
    }
    received = signal;
    opts.logger.info({ signal }, 'shutting down: stopping intake, finishing work in progress');
    timer = setTimeout(() => {
      opts.logger.error({ timeoutMs }, 'shutdown took too long: exiting now');
      exit(1);
    }, timeoutMs);
    // The limit must not keep an otherwise finished process alive.
    timer.unref();
    opts.onSignal?.(signal);
    resolveSignal(signal);
  };
  for (const s of SIGNALS) proc.on(s, onSignal);

  return {
    signalled,
    async run(steps) {
      for (const step of steps) {
        if (!step) continue;
        const started = performance.now();
        try {
          await step.run();
          opts.logger.debug(
            { step: step.name, ms: Math.round(performance.now() - started) },
            'shutdown step done',
          );
        } catch (err) {
          opts.logger.error({ err, step: step.name }, 'shutdown step failed');
        }
      }
      clearTimeout(timer);
      opts.logger.info({}, 'stopped');
      // Everything is closed; a handle left open (a bug) must not keep the process alive for ever.
      const linger = setTimeout(() => {
        opts.logger.warn({ lingerMs: LINGER_MS }, 'still running after shutdown: exiting');
        exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      }, LINGER_MS);
      linger.unref();
    },
  };
}
