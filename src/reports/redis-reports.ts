import type { Redis } from 'ioredis';
import { inviteKeys, RedisInviteStore } from '../officers/invites.js';
import { officerKeys, RedisOfficerDirectory } from '../officers/redis-officer-directory.js';
import type { JobQueue } from './jobs.js';
import { reportKeys } from './keys.js';
import { redisAlertReader } from './redis-alert-reader.js';
import { redisAreaRouter } from './redis-area-route.js';
import { redisReportIntake } from './redis-report-intake.js';
import { RedisReportStore } from './redis-report-store.js';
import { createReportSystem, type ReportSideDeps, type ReportSystem } from './report-system.js';

export interface RedisReports extends ReportSystem {
  readonly store: RedisReportStore;
  readonly officers: RedisOfficerDirectory;
  readonly invites: RedisInviteStore;
}

/** The report side on Redis: store and officers under the key prefix, jobs on the given queue. */
export function createRedisReports(
  deps: ReportSideDeps & { readonly redis: Redis; readonly prefix: string; readonly queue: JobQueue },
): RedisReports {
  const keys = { reports: reportKeys(deps.prefix), officers: officerKeys(deps.prefix) };
  const store = new RedisReportStore(deps.redis, keys.reports);
  const officers = new RedisOfficerDirectory(deps.redis, keys.officers);
  const invites = new RedisInviteStore(deps.redis, inviteKeys(deps.prefix));
  const readAlert = redisAlertReader(deps.redis, keys.reports, keys.officers);
  const routeArea = redisAreaRouter(deps.redis, keys.reports, keys.officers);
  const system = createReportSystem({
    ...deps,
    ...deps.settings,
    store,
    officers,
    invites,
    readAlert,
    routeArea,
    intake: redisReportIntake({ store, queue: deps.queue, officers, routeArea }),
  });
  return { ...system, store, officers, invites };
}
