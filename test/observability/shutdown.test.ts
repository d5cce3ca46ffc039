import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FORCED_EXIT_CODE, installShutdown } from '../../src/observability/shutdown.js';

function recordingLogger() {
  const lines: { level: string; msg: string | undefined }[] = [];
  const at = (level: string) => (_obj: object, msg?: string) => lines.push({ level, msg });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function fakeProcess() {
  const proc = new EventEmitter();
  return {
    proc: proc as unknown as Pick<NodeJS.Process, 'on' | 'off'>,
    signal: (s: NodeJS.Signals) => proc.emit(s, s),
  };
}

describe('installShutdown', () => {
  it('runs the steps in order on the first signal, logs a failing step and goes on', async () => {
    const logger = recordingLogger();
    const { proc, signal } = fakeProcess();
    const exits: number[] = [];
    const order: string[] = [];
    let drained = false;
    const shutdown = installShutdown({
      logger,
      proc,
      exit: (code) => exits.push(code),
      onSignal: () => (drained = true),
    });
    signal('SIGTERM');
    expect(await shutdown.signalled).toBe('SIGTERM');
    expect(drained).toBe(true);
    await shutdown.run([
      { name: 'intake', run: () => order.push('intake') },
      undefined,
      false,
      {
        name: 'broken',
        run: () => Promise.reject(new Error('nope')),
      },
      {
        name: 'redis',
        run: async () => {
          await new Promise((r) => setTimeout(r, 5));
          order.push('redis');
        },
      },
    ]);
    expect(order).toEqual(['intake', 'redis']);
    expect(logger.lines.some((l) => l.level === 'error' && l.msg === 'shutdown step failed')).toBe(true);
    expect(exits).toEqual([]);
  });

  it('exits at once with code 130 on a second signal, with a log line', async () => {
    const logger = recordingLogger();
    const { proc, signal } = fakeProcess();
    const exits: number[] = [];
    const shutdown = installShutdown({ logger, proc, exit: (code) => exits.push(code) });
    signal('SIGINT');
    await shutdown.signalled;
    const stuck = shutdown.run([{ name: 'stuck', run: () => new Promise(() => undefined) }]);
    signal('SIGTERM');
    expect(exits).toEqual([FORCED_EXIT_CODE]);
    expect(logger.lines.at(-1)?.msg).toMatch(/second signal/);
    void stuck;
  });

  it('exits with code 1 when the stop takes longer than the limit', async () => {
    const logger = recordingLogger();
    const { proc, signal } = fakeProcess();
    const exits: number[] = [];
    const shutdown = installShutdown({ logger, proc, timeoutMs: 30, exit: (code) => exits.push(code) });
    signal('SIGTERM');
    void shutdown.run([{ name: 'stuck', run: () => new Promise(() => undefined) }]);
    await new Promise((r) => setTimeout(r, 80));
    expect(exits).toEqual([1]);
    expect(logger.lines.some((l) => l.msg === 'shutdown took too long: exiting now')).toBe(true);
  });
});
