import type { Redis } from 'ioredis';
import { inviteKeys, RedisInviteStore } from '../officers/invites.js';
import { officerKeys, RedisOfficerDirectory } from '../officers/redis-officer-directory.js';
import type { JobQueue } from './jobs.js';
import { reportKeys } from './keys.js';
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
  const store = new RedisReportStore(deps.redis, reportKeys(deps.prefix));
  const officers = new RedisOfficerDirectory(deps.redis, officerKeys(deps.prefix));
  const invites = new RedisInviteStore(deps.redis, inviteKeys(deps.prefix));
  const system = createReportSystem({ ...deps, ...deps.settings, store, officers, invites });
  return { ...system, store, officers, invites };
}
