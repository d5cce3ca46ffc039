import { DisconnectReason } from '@whiskeysockets/baileys';

export interface BackoffPolicy {
  /** Delay of the first retry. */
  readonly baseMs: number;
  /** No retry waits longer than this. */
  readonly maxMs: number;
  /** A connection that stayed open this long counts as healthy: the next failure starts from `baseMs`. */
  readonly stableMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 5 * 60_000, stableMs: 60_000 };

/**
 * Delay before reconnect attempt `attempt` (0 = first): exponential, capped, with "equal jitter" —
 * half fixed, half random — so a fleet of bots that lost WhatsApp at once does not come back at once.
 */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** What to do when the connection closed. */
export type CloseAction =
  /** WhatsApp asks for a new socket at once (after pairing). */
  | { readonly type: 'restart' }
  | { readonly type: 'retry' }
  /** Never reconnect on our own: a person must act (pair again, close the other session). */
  | { readonly type: 'stop'; readonly status: 'logged_out' | 'replaced' | 'forbidden' };

/** The status code of the error that closed the connection (Baileys gives a Boom error). */
export function closeStatusCode(error: unknown): number | undefined {
  const code = (error as { output?: { statusCode?: unknown } } | undefined)?.output?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

export function closeAction(error: unknown): CloseAction {
  switch (closeStatusCode(error)) {
    case DisconnectReason.restartRequired:
      return { type: 'restart' };
    case DisconnectReason.loggedOut:
      return { type: 'stop', status: 'logged_out' };
    case DisconnectReason.connectionReplaced:
      return { type: 'stop', status: 'replaced' };
    case DisconnectReason.forbidden:
      return { type: 'stop', status: 'forbidden' };
    default:
      return { type: 'retry' };
  }
}
