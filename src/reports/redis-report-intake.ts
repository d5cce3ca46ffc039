import { intakeOf, type ReportIntake } from './report-intake.js';
import type { JobQueue } from './jobs.js';
import { createResultOf, type RedisReportStore } from './redis-report-store.js';

/**
 * The intake on Redis: the create script and the route job in one MULTI when the queue can add jobs
 * to a transaction on the store's client (BullMQ on the same connection); else one after the other.
 */
export function redisReportIntake(store: RedisReportStore, queue: JobQueue): ReportIntake {
  const separate = intakeOf(store, queue);
  if (!queue.addAtomically) return separate;
  const atomically = queue.addAtomically.bind(queue);
  return async (report, route) => {
    const replies = await atomically(store.client, [route], (tx) => store.createOn(tx, report));
    return replies ? createResultOf(replies[0]) : separate(report, route);
  };
}
