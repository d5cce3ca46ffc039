import type { OfficerDirectory } from '../officers/officer.js';
import type { AreaRouter } from './area-route.js';
import { alertJobs, type JobQueue, type JobSpec } from './jobs.js';
import { intakeOf, type ReportIntake } from './report-intake.js';
import type { CreateResult, NewReport } from './report-store.js';
import type { RedisReportStore } from './redis-report-store.js';
import { firstLevel } from './router.js';

export interface RedisIntakeDeps {
  readonly store: RedisReportStore;
  readonly queue: JobQueue;
  readonly officers: OfficerDirectory;
  readonly routeArea: AreaRouter;
}

/**
 * The intake on Redis routes a new report as it stores it (DESIGN §5). Most reports have officers at
 * their first level (the village, or the district when the reporter asked to bypass it), so they need
 * no route job and no run of it: their active officers are read, the report is created, and then, in
 * one write on the queues' connection, Redis runs the adds of their alert jobs and the route script
 * (guarded on the filing time, so it moves only the report this create stored). "Received" is said
 * once all answered.
 *
 * The create is answered before the jobs are sent: on a Redis Cluster the report and the queues may
 * live on different nodes, where one write keeps no order, and an alert must never run before its
 * report exists. The alerts go before the routing: if Redis stops between the two, the report is
 * `submitted` with alerts that wait for it to be routed (they retry) and the sweep routes it; never
 * routed with no alert queued. A report stored whose jobs could not be sent is `submitted`, and the
 * sweep routes it. A report with nobody at its first level gets its route job along with the create,
 * as before, and the route step looks further up. Without a shared connection (a queue elsewhere, or
 * one that waits for replicas), the store's create, then the route job.
 */
export function redisReportIntake(deps: RedisIntakeDeps): ReportIntake {
  const { store, queue, officers, routeArea } = deps;
  const separate = intakeOf(store, queue);
  if (!queue.addAlong) return separate;
  const along = queue.addAlong.bind(queue);

  const withRouteJob = async (report: NewReport, route: JobSpec): Promise<CreateResult> => {
    const sent = await along(store.client, [route], { before: () => store.create(report) });
    return sent?.before ?? separate(report, route);
  };

  return async (report, route) => {
    if (route.name !== 'route' || route.data.village === undefined || route.data.filed === undefined)
      return withRouteJob(report, route);
    const { code, village, bypass = false, filed } = route.data;
    const first = firstLevel(village, bypass);
    const found = await officers.forArea(first.level, first.area);
    if (found.length === 0) return withRouteJob(report, route);
    const created = await store.create(report);
    if (created.type !== 'created') return created;
    const alerts = alertJobs(code, { level: first.level, officers: found }, 'report', filed);
    const routing = () => routeArea(code, { ...first, at: filed, filed });
    const sent = await along(store.client, alerts, { after: routing });
    if (!sent) {
      await queue.add(alerts);
      if ((await routing()).type === 'nobody') await queue.add([route]);
    } else if (sent.after?.type === 'nobody') {
      // Everyone there left between the read and the write: the report is still `submitted`, and its
      // route job looks at the levels above (its alerts find their officers inactive and stop).
      await queue.add([route]);
    }
    return created;
  };
}
