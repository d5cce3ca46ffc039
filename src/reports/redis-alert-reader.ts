import type { Redis } from 'ioredis';
import type { OfficerKeys } from '../officers/redis-officer-directory.js';
import type { Officer } from '../officers/officer.js';
import type { AlertReader } from './alert-context.js';
import type { ReportKeys } from './keys.js';
import { recordOf, reporterOf } from './redis-report-store.js';

/**
 * An alert's context in one round trip: nothing more when it was sent; else the officer, the report
 * and, when the reporter agreed to direct contact, the reporter.
 * KEYS: alert mark, officer, report, reporter.
 */
const READ = `
if redis.call('GET', KEYS[1]) == 'sent' then return {1} end
local who = {}
if redis.call('HGET', KEYS[3], 'contact') == 'direct' then who = redis.call('HGETALL', KEYS[4]) end
return {0, redis.call('GET', KEYS[2]) or '', redis.call('HGETALL', KEYS[3]), who}
`;

type Reply = [1] | [0, string, string[], string[]];

interface ReadCommand {
  reportAlertContext(...keys: string[]): Promise<Reply>;
}

const hashOf = (flat: readonly string[]): Record<string, string> => {
  const h: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) h[flat[i] as string] = flat[i + 1] as string;
  return h;
};

/** The alert reader on Redis: one script instead of three reads per alert. */
export function redisAlertReader(redis: Redis, reports: ReportKeys, officers: OfficerKeys): AlertReader {
  if (!('reportAlertContext' in redis))
    redis.defineCommand('reportAlertContext', { lua: READ, numberOfKeys: 4 });
  const r = redis as Redis & ReadCommand;
  return async (code, officerId, alertId) => {
    const reply = await r.reportAlertContext(
      reports.alert(alertId),
      officers.officer(officerId),
      reports.report(code),
      reports.reporter(code),
    );
    if (reply[0] === 1) return { sent: true };
    const [, officer, report, who] = reply;
    return {
      sent: false,
      officer: officer ? (JSON.parse(officer) as Officer) : undefined,
      report: recordOf(code, hashOf(report)),
      reporter: reporterOf(hashOf(who)),
    };
  };
}
