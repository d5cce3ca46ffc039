import type { JobQueue, JobSpec } from './jobs.js';
import type { CreateResult, NewReport, ReportStore } from './report-store.js';

/**
 * Stores a new report and queues what brings it to an officer: what must exist before the reporter is
 * told "received" (DESIGN §5). `route` is its route job. On Redis the report is routed as it is stored
 * when its first level has officers (their alert jobs instead of the route job; src/reports/redis-
 * report-intake.ts); the create and the jobs are sent together on one connection, the create first
 * (Redis runs them in that order, so a job never runs before the record exists); the submit succeeds
 * only when all did (a stored report whose job add failed is routed by the sweep). Sent together, the
 * jobs are queued whatever the create answers: a job whose report was not created (the same draft
 * again, a phone reported today, the daily limit, a code already taken) finds no report filed then
 * and does nothing (`RouteJob.filed`, `AlertJob.filed`).
 */
export type ReportIntake = (report: NewReport, route: JobSpec) => Promise<CreateResult>;

/** The store's create, then the job when the report was created (the memory demo; tests). */
export const intakeOf =
  (store: ReportStore, queue: JobQueue): ReportIntake =>
  async (report, route) => {
    const created = await store.create(report);
    if (created.type === 'created') await queue.add([route]);
    return created;
  };
