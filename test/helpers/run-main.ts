import { spawn } from 'node:child_process';

export interface MainRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** When each piece of stderr arrived (Date.now()), to time what followed a line apart from start-up. */
  readonly stderrAt: readonly { readonly at: number; readonly text: string }[];
  /** When the process ended (Date.now()). */
  readonly endedAt: number;
}

/** Runs a TypeScript entry point with tsx, a script piped to stdin and a clean environment. */
export function runEntry(
  entry: string,
  args: readonly string[],
  script: readonly string[],
  env: Record<string, string> = {},
): Promise<MainRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const stderrAt: { at: number; text: string }[] = [];
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      stderrAt.push({ at: Date.now(), text: d.toString() });
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, stderrAt, endedAt: Date.now() }));
    child.stdin.end(script.map((l) => `${l}\n`).join(''));
  });
}

/** Runs the bot as `npm start` does, with a script piped to stdin and a clean environment. */
export const runMain = (script: readonly string[], env: Record<string, string> = {}): Promise<MainRun> =>
  runEntry('src/main.ts', [], script, { LOG_LEVEL: 'warn', ...env });

/** The reply printed after the line `> text` (up to the next echoed line). */
export function replyTo(stdout: string, text: string, nth = 0): string {
  const parts = stdout.split(/^> /m).filter((p) => p.startsWith(`${text}\n`));
  return parts[nth] ?? '';
}
