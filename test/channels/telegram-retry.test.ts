import { autoRetry } from '@grammyjs/auto-retry';
import { HttpError, type Transformer } from 'grammy';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { quickRetry } from '../../src/channels/telegram/retry.js';

type Prev = Parameters<Transformer>[0];
type Step = { answer: Record<string, unknown> } | { throws: Error };

/** A transport answering `steps` in order, counting its calls. */
function transport(steps: readonly Step[]): { prev: Prev; calls: () => number } {
  let calls = 0;
  const prev = ((): Promise<unknown> => {
    const step = steps[Math.min(calls++, steps.length - 1)]!;
    return 'throws' in step ? Promise.reject(step.throws) : Promise.resolve(step.answer);
  }) as unknown as Prev;
  return { prev, calls: () => calls };
}

const OPTIONS = { maxRetryAttempts: 3, maxDelaySeconds: 60 };
const ok = { answer: { ok: true, result: { message_id: 1 } } };
const wait = (seconds: number) => ({
  answer: {
    ok: false,
    error_code: 429,
    description: 'Too Many Requests',
    parameters: { retry_after: seconds },
  },
});
const serverError = { answer: { ok: false, error_code: 502, description: 'Bad Gateway' } };
const refused = { answer: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked' } };
const networkDown = { throws: new HttpError('Network request failed', new Error('ECONNRESET')) };

/** What a transformer makes of `steps`: the outcome and the transport calls, with timers run out. */
async function outcome(make: (o: typeof OPTIONS) => Transformer, steps: readonly Step[]) {
  const { prev, calls } = transport(steps);
  const settled = make(OPTIONS)(prev, 'sendMessage', { chat_id: 1, text: 'x' }).then(
    (value) => ({ value }),
    (error: unknown) => ({ error: String(error) }),
  );
  await vi.runAllTimersAsync();
  return { ...(await settled), calls: calls() };
}

describe('quickRetry (auto-retry with its first attempt made up front)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['an answer at once', [ok]],
    ['a refusal that is no reason to retry', [refused]],
    ['waits asked, then an answer', [wait(1), wait(2), ok]],
    ['waits asked beyond every attempt', [wait(1), wait(1), wait(1), wait(1), wait(1), ok]],
    ['a wait longer than allowed', [wait(120), ok]],
    ['server errors, then an answer', [serverError, serverError, ok]],
    ['a network failure, then an answer', [networkDown, ok]],
    ['a network failure, then a refusal', [networkDown, refused]],
  ] as const)('does what auto-retry does with %s', async (_name, steps) => {
    vi.useFakeTimers();
    const ours = await outcome(quickRetry, steps);
    const theirs = await outcome(autoRetry, steps);
    expect(ours).toEqual(theirs);
  });

  it('passes an answer through with one transport call', async () => {
    const { prev, calls } = transport([ok]);
    await expect(quickRetry(OPTIONS)(prev, 'sendMessage', { chat_id: 1, text: 'x' })).resolves.toEqual(
      ok.answer,
    );
    expect(calls()).toBe(1);
  });
});
