import type { Redis } from 'ioredis';
import { REPORT_STATUSES, type ReportStatus } from '../core/report.js';
import type { Officer } from '../officers/officer.js';
import type { OfficerKeys } from '../officers/redis-officer-directory.js';
import { defineScripts, readLuaScript } from '../storage/lua-scripts.js';
import type { AreaRouter } from './area-route.js';
import type { ReportKeys } from './keys.js';

/** Officers read and the report moved in one round trip (src/reports/lua/report-route.lua). */
const SCRIPT = readLuaScript(new URL('./lua/report-route.lua', import.meta.url), 'reportRoute');

type Reply = ['nobody'] | ['missing'] | [number, string, ...string[]];

interface RouteCommand {
  reportRoute(...args: (string | number)[]): Promise<Reply>;
}

const isStatus = (v: string): v is ReportStatus => REPORT_STATUSES.includes(v as ReportStatus);

/** The area router on Redis: one script instead of the officers' read and the report's update. */
export function redisAreaRouter(redis: Redis, reports: ReportKeys, officers: OfficerKeys): AreaRouter {
  defineScripts(redis, [SCRIPT]);
  const r = redis as Redis & RouteCommand;
  return async (code, req) => {
    const reply = await r.reportRoute(
      reports.report(code),
      reports.history(code),
      reports.waiting(),
      officers.area(req.level, req.area),
      reports.revision(),
      reports.changed(),
      req.at,
      code,
      Date.parse(req.at),
      reports.statusPrefix(),
      req.level,
      req.area,
      req.why,
      req.filed ?? '',
    );
    if (reply[0] === 'nobody' || reply[0] === 'missing') return { type: reply[0] };
    const [applied, before, ...found] = reply;
    return {
      type: 'found',
      officers: found.map((json) => JSON.parse(json) as Officer),
      applied: applied === 1,
      ...(isStatus(before) ? { before } : {}),
    };
  };
}
