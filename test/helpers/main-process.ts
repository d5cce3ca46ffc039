import { spawn, type ChildProcess } from 'node:child_process';

/** src/main.ts running as in production (a role, the HTTP server), started by a test or a bench. */
export interface MainProcess {
  readonly child: ChildProcess;
  /** The exit code, or null when killed by a signal. */
  readonly exited: Promise<number | null>;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Everything it wrote to stdout (its log) so far: kept only when started with `keepStdout`. */
  stdout(): string;
}

/**
 * Starts src/main.ts with tsx and a clean environment (PATH, HOME, LOG_LEVEL=warn, then `env`); stdout
 * (the log) is ignored unless `keepStdout`, stderr kept. `cwd` is the project folder when the caller
 * runs from elsewhere.
 */
export function startMainProcess(
  env: Record<string, string>,
  cwd?: string,
  opts: { keepStdout?: boolean } = {},
): MainProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    ...(cwd ? { cwd } : {}),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', opts.keepStdout ? 'pipe' : 'ignore', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('close', r));
  return { child, exited, stderr: () => stderr, stdout: () => stdout };
}

/**
 * Waits until the process answers 200 on /readyz at `port` (start-up takes about 2 s on a quiet
 * machine, many times that on a busy one); throws with its stderr when it exits or `timeoutMs` passes.
 */
export async function untilReady(p: MainProcess, port: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`http://127.0.0.1:${String(port)}/readyz`).catch(() => undefined);
    if (res?.status === 200) return;
    if (p.child.exitCode !== null || p.child.signalCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not ready on port ${String(port)}: ${p.stderr()}`);
}
