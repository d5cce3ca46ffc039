import type { Redis } from 'ioredis';
import type { OfficerKeys } from '../officers/redis-officer-directory.js';
import type { Officer } from '../officers/officer.js';
import type { AlertReader } from './alert-context.js';
import { defineScripts, readLuaScript } from '../storage/lua-scripts.js';
import type { ReportKeys } from './keys.js';
import { recordOf, reporterOf } from './redis-report-store.js';

/** An alert's context in one round trip (src/reports/lua/alert-context.lua). */
const SCRIPT = readLuaScript(new URL('./lua/alert-context.lua', import.meta.url), 'reportAlertContext');

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
  defineScripts(redis, [SCRIPT]);
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
