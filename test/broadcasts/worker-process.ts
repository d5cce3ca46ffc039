import { startMainProcess } from '../helpers/main-process.js';

/** src/main.ts as a worker process (ROLE=worker) with a clean environment; stderr is kept. */
export const workerProcess = (env: Record<string, string>) =>
  startMainProcess({ ROLE: 'worker', LOG_LEVEL: 'error', ...env });

export type WorkerProcess = ReturnType<typeof workerProcess>;

/** Polls `check` every 100 ms until it holds; throws after `ms`. */
export async function until(
  check: () => Promise<boolean> | boolean,
  ms: number,
  what: string,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
