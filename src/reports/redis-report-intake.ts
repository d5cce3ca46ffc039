import { intakeOf, type ReportIntake } from './report-intake.js';
import type { JobQueue } from './jobs.js';
import type { RedisReportStore } from './redis-report-store.js';

/**
 * The intake on Redis: the create script and the route job sent together, in one round trip, when
 * the queue writes on the store's connection (BullMQ on the same client); else one after the other.
 */
export function redisReportIntake(store: RedisReportStore, queue: JobQueue): ReportIntake {
  const separate = intakeOf(store, queue);
  if (!queue.addAlong) return separate;
  const along = queue.addAlong.bind(queue);
  return async (report, route) =>
    (await along(store.client, [route], () => store.create(report))) ?? separate(report, route);
}
