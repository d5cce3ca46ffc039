import type { Officer, OfficerDirectory } from '../officers/officer.js';
import { routeJob, type JobQueue } from './jobs.js';
import type { ReportRecord } from './report-record.js';
import type { ReportStore } from './report-store.js';
import { chooseRoute } from './router.js';

/**
 * Reports filed while nobody was registered at any level wait as `unrouted` (DESIGN §5: "received"
 * must always mean someone will see it). These two functions send them on: one when an officer
 * joins, one from the periodic sweep in case that was missed (a crash, a join during routing).
 */
async function unroutedReports(store: ReportStore): Promise<ReportRecord[]> {
  const codes = await store.codesByStatus('unrouted');
  const reports = await Promise.all(codes.map((code) => store.get(code)));
  return reports.filter((r): r is ReportRecord => r?.status === 'unrouted');
}

/**
 * Queues a new route job for each waiting report `officer` may see (`covers`). The job id names the
 * officer, so a second join, or the sweep, queues it once; routing is guarded on the status.
 */
export async function routeWaitingFor(
  store: ReportStore,
  queue: JobQueue,
  officer: Officer,
  covers: (o: Officer, r: ReportRecord) => boolean,
): Promise<number> {
  const mine = (await unroutedReports(store)).filter((r) => covers(officer, r));
  if (mine.length > 0) await queue.add(mine.map((r) => routeJob(r.code, undefined, officer.id)));
  return mine.length;
}

/** Queues a route job for each waiting report that has somebody to go to by now. */
export async function routeWaitingFound(
  store: ReportStore,
  officers: OfficerDirectory,
  queue: JobQueue,
): Promise<number> {
  const found = await Promise.all(
    (await unroutedReports(store)).map(async (r) => {
      const route = await chooseRoute(
        officers,
        r.details.village,
        r.details.bypassVillage ? 'district' : 'village',
      );
      const first = route?.officers[0];
      return first ? [routeJob(r.code, undefined, first.id)] : [];
    }),
  );
  const jobs = found.flat();
  if (jobs.length > 0) await queue.add(jobs);
  return jobs.length;
}
