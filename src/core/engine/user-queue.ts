import type { EngineResult, InboundMessage } from '../message.js';
import { epochMs, type Clock } from '../ports.js';
import { UserRateLimiter } from '../rate-limit.js';

/**
 * One user's messages are answered one after the other, in order; users interleave. Messages over the
 * per-minute limit get one "please slow down" (`slowDown`), then nothing.
 */
export function serializePerUser(opts: {
  readonly perMinute: number;
  readonly clock: Clock;
  readonly answer: (msg: InboundMessage) => Promise<EngineResult>;
  readonly slowDown: (msg: InboundMessage) => Promise<EngineResult>;
  /** The answer to a dropped message (no messages). */
  readonly dropped: () => EngineResult;
}): (msg: InboundMessage) => Promise<EngineResult> {
  /** Tail of each user's queue. */
  const queues = new Map<string, Promise<unknown>>();
  const limiter = new UserRateLimiter(opts.perMinute);
  return (msg) => {
    // Counted on arrival, so a flood never piles up in the queue; a dropped message costs no Redis call.
    const verdict = limiter.check(msg.userKey, epochMs(opts.clock));
    if (verdict === 'drop') return Promise.resolve(opts.dropped());
    const run = verdict === 'warn' ? opts.slowDown : opts.answer;
    const previous = queues.get(msg.userKey);
    // Nothing queued for this user (the usual case): answer at once, no promise chain.
    const result = previous ? previous.catch(() => undefined).then(() => run(msg)) : run(msg);
    queues.set(msg.userKey, result);
    // One reaction for both outcomes (`finally` plus `catch` cost three promises per message); the
    // reactions are unnamed, so a build that keeps function names adds no work per message.
    result.then(
      () => forgetTail(queues, msg.userKey, result),
      () => forgetTail(queues, msg.userKey, result),
    );
    return result;
  };
}

/** Drops a user's queue once its tail is done (a later message may have queued behind it). */
function forgetTail(queues: Map<string, Promise<unknown>>, user: string, tail: Promise<unknown>): void {
  if (queues.get(user) === tail) queues.delete(user);
}
