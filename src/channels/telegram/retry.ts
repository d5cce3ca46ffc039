import { autoRetry, type AutoRetryOptions } from '@grammyjs/auto-retry';
import type { Transformer } from 'grammy';

/** What auto-retry reads of an answer to decide on a retry. */
interface Answer {
  readonly error_code?: number;
  readonly parameters?: { readonly retry_after?: unknown };
}

/** grammY's call and transformer types without their per-method generics (results are not read here). */
type Call = (method: string, payload: unknown, signal?: unknown) => Promise<unknown>;
type Untyped = (prev: Call, method: string, payload: unknown, signal?: unknown) => Promise<unknown>;

/** True for an answer auto-retry would return as it is on the first attempt: no wait asked, no 5xx. */
function settled(res: unknown): boolean {
  if (res === undefined) return false;
  const answer = res as Answer;
  return typeof answer.parameters?.retry_after !== 'number' && !((answer.error_code ?? 0) >= 500);
}

/**
 * grammY's auto-retry with its first attempt made here: an answer it would return at once (nearly
 * all of them) is returned without its per-call closures and async frames. Any other outcome — a wait
 * asked (429), a server error, a thrown HTTP error — goes to auto-retry itself, whose first call gets
 * this same attempt back, so its waits, counts and errors are what they would have been.
 */
export function quickRetry(options: Partial<AutoRetryOptions>): Transformer {
  const retrying = autoRetry(options) as unknown as Untyped;
  const quick: Untyped = (prev, method, payload, signal) => {
    let first: Promise<unknown>;
    try {
      first = prev(method, payload, signal);
    } catch (err) {
      // As auto-retry sees it: its call awaits the attempt inside its own try, whatever is thrown.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      first = Promise.reject(err);
    }
    // The reactions are unnamed functions: a build that keeps function names adds no work per call.
    return first.then(
      (res) => (settled(res) ? res : retrying(replaying(prev, first), method, payload, signal)),
      () => retrying(replaying(prev, first), method, payload, signal),
    );
  };
  return quick as unknown as Transformer;
}

/** `prev` whose first call gives back the attempt already made; later calls go out again. */
function replaying(prev: Call, first: Promise<unknown>): Call {
  let replayed = false;
  return (method, payload, signal) => {
    if (replayed) return prev(method, payload, signal);
    replayed = true;
    return first;
  };
}
