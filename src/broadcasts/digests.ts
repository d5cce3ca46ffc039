import type { Logger } from '../core/ports.js';
import type { Broadcast } from './broadcast.js';
import type { RedisBroadcastStore } from './redis-broadcast-store.js';
import { digestDueAt } from './render.js';

/** How often a worker process looks for a digest that is due. */
export const DIGEST_CHECK_MS = 60_000;

/**
 * Starts every daily digest that is due: one broadcast per digest hour, to the subscribers with
 * listings kept for it, each getting theirs in one message. Safe to run in any number of processes at
 * once and again after a crash: the broadcast's id is the digest's, stored and queued once.
 */
export async function startDueDigests(
  store: RedisBroadcastStore,
  start: (id: string) => Promise<void>,
  now: Date,
): Promise<string[]> {
  const started: string[] = [];
  for (const bucket of await store.dueDigests(now.getTime())) {
    const b: Broadcast = {
      id: `digest-${bucket}`,
      createdAt: new Date(digestDueAt(bucket)).toISOString(),
      by: 'daily-digest',
      audience: { type: 'digest', bucket },
      body: { kind: 'digest', bucket },
    };
    await store.create(b);
    await start(b.id);
    await store.digestStarted(bucket);
    started.push(b.id);
  }
  return started;
}

/**
 * Runs `check` (the due digests, the warnings' catch-up) every DIGEST_CHECK_MS; a failure is logged
 * and tried at the next. Returns the stop.
 */
export function startDigestTimer(check: () => Promise<unknown>, logger: Logger): () => void {
  const timer = setInterval(() => {
    check().catch((err: unknown) =>
      logger.warn({ err }, 'the broadcasts minute check failed (due digests, warnings catch-up)'),
    );
  }, DIGEST_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
