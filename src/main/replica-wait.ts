import type { Redis } from 'ioredis';
import type { JobQueue } from '../reports/jobs.js';

/** How long a submit waits for the replicas before the user is told "not received, try again". */
export const REPLICA_WAIT_MS = 2000;

/** Fewer replicas than asked hold the report: it could be lost in a failover, so it is not "received". */
export class ReplicaWaitError extends Error {
  override readonly name = 'ReplicaWaitError';
}

/**
 * REDIS_WAIT_REPLICAS (DESIGN §10): Redis replicates after it answers, so a primary killed a moment
 * after storing a report could take it with it, after the user was told "received". The report desk
 * says "received" once the report and its route job are stored (with this queue the intake does not
 * route as it stores: it has no `addAlong`, so the store's create, then the route job); it adds, after a route job,
 * a WAIT for `replicas` replicas to hold every write this connection made so far (the report, then
 * the job). Short of that, the submit fails and the user is asked to try again (the draft is kept and
 * a second submit finds the same report). `redis` must be the connection the report store and the
 * queue write on: WAIT counts that connection's writes only, and blocks it while it waits, so the
 * report side gets a connection of its own.
 */
export function replicaWaitQueue(
  queue: JobQueue,
  redis: Redis,
  replicas: number,
  timeoutMs = REPLICA_WAIT_MS,
): JobQueue {
  return {
    async add(jobs) {
      await queue.add(jobs);
      if (!jobs.some((j) => j.name === 'route')) return;
      const held = await redis.wait(replicas, timeoutMs);
      if (held < replicas)
        throw new ReplicaWaitError(
          `the report reached ${held} of ${replicas} replicas within ${timeoutMs} ms`,
        );
    },
  };
}
